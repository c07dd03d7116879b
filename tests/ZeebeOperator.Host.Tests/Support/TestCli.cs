using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Tests.Support;

internal static class TestCli
{
    /// <summary>The CLI as users run it: the real parser and backends (the simulation with --local).</summary>
    public static CliEnvironment RealEnvironment(CapturedConsole console) =>
        new(console.Console, SpecParser.Parse, TimeProvider.System, System.Environment.CurrentDirectory)
        {
            ConfigurationOverrides = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Health:Enabled"] = "false" },
        };

    /// <summary>A file of the repository's samples/ folder.</summary>
    public static string Sample(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Operator.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "samples", name);
    }

    /// <summary>The CLI with the fake parser, the real backends unless a test backend is given, and the system clock.</summary>
    public static CliEnvironment Environment(CapturedConsole console, TestBackend? backend = null, PlanSource? plan = null) =>
        new(console.Console, Specs.FakeParse, TimeProvider.System, System.Environment.CurrentDirectory)
        {
            Backend = backend is null ? OperatorHost.UseBackend : backend.Use,
            PlanSource = plan,
            ConfigurationOverrides = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Health:Enabled"] = "false" },
        };

    public static PlanSource Returns(PlanPreview plan, List<(string Cluster, bool Local)>? calls = null) =>
        (document, local, _, _) =>
        {
            calls?.Add((document.Name, local));
            return Task.FromResult(plan);
        };
}
