using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Cli;

/// <summary>Everything the verbs depend on, so tests can hand in fakes.</summary>
/// <param name="CurrentDirectory">What <c>--specs</c> is resolved against.</param>
internal sealed record CliEnvironment(
    CliConsole Console,
    Func<string, SpecParseResult> Parse,
    OperatorWiring Wiring,
    TimeProvider Time,
    string CurrentDirectory)
{
    /// <summary>Configuration that beats every other source (tests).</summary>
    public IReadOnlyDictionary<string, string?>? ConfigurationOverrides { get; init; }

    /// <summary>How often <c>apply --wait</c> and <c>delete --wait</c> read the status store; by default 1 s locally, 5 s against AWS.</summary>
    public TimeSpan? StatusRefreshInterval { get; init; }

    /// <summary>Where <c>plan</c> gets its plan; by default a host built from <see cref="Wiring"/>.</summary>
    public PlanSource? PlanSource { get; init; }

    /// <summary>Where the spec verbs (<c>apply</c>, <c>get</c>, …) find their stores; by default a host built from <see cref="Wiring"/>.</summary>
    public SpecStoresSource? StoresSource { get; init; }

    public static CliEnvironment CreateDefault() =>
        new(CliConsole.System(), SpecParser.Parse, Integration.Wiring, TimeProvider.System, Environment.CurrentDirectory);
}
