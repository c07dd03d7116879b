using ZeebeOperator.Core.Planning;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Tests.Support;

internal static class TestCli
{
    /// <summary>The CLI with the fake parser, the real (placeholder) wiring unless given, and the system clock.</summary>
    public static CliEnvironment Environment(CapturedConsole console, OperatorWiring? wiring = null, PlanSource? plan = null) =>
        new(console.Console, Specs.FakeParse, wiring ?? Integration.Wiring, TimeProvider.System, System.Environment.CurrentDirectory)
        {
            PlanSource = plan,
            ConfigurationOverrides = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" },
        };

    public static PlanSource Returns(ClusterPlan plan, List<(string Cluster, bool Local)>? calls = null) =>
        (document, local, _) =>
        {
            calls?.Add((document.Name, local));
            return Task.FromResult(plan);
        };
}
