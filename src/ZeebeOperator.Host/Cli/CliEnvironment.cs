using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Cli;

/// <summary>Everything the verbs depend on, so tests can hand in fakes.</summary>
/// <param name="CurrentDirectory">What <c>--specs</c> is resolved against.</param>
internal sealed record CliEnvironment(
    CliConsole Console,
    Func<string, SpecParseResult> Parse,
    TimeProvider Time,
    string CurrentDirectory)
{
    /// <summary>The backend of the hosts the verbs build; by default real AWS, or with <c>--local</c> the simulation.</summary>
    public BackendChoice Backend { get; init; } = OperatorHost.UseBackend;

    /// <summary>Configuration that beats every other source (tests).</summary>
    public IReadOnlyDictionary<string, string?>? ConfigurationOverrides { get; init; }

    /// <summary>How often <c>apply --wait</c> and <c>delete --wait</c> read the status store; by default 1 s locally, 5 s against AWS.</summary>
    public TimeSpan? StatusRefreshInterval { get; init; }

    /// <summary>Where <c>plan</c> gets its plan; by default a host on <see cref="Backend"/>.</summary>
    public PlanSource? PlanSource { get; init; }

    /// <summary>Where the spec verbs (<c>apply</c>, <c>get</c>, …) find their stores; by default a host on <see cref="Backend"/>.</summary>
    public SpecStoresSource? StoresSource { get; init; }

    public static CliEnvironment CreateDefault() =>
        new(CliConsole.System(), SpecParser.Parse, TimeProvider.System, Environment.CurrentDirectory);
}
