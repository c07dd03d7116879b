using System.Text.Json;
using Moq;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Cli;

public sealed class PlanCommandTests : IDisposable
{
    private static readonly PlanPreview TwoSteps = new(
        "orders",
        [
            new PlanStep(null, "create", "Cloud Map service", "orders-broker-0", "missing"),
            new PlanStep(0, "create", "ECS service", "orders-broker-0", "missing"),
        ],
        []);

    private readonly CapturedConsole console = new();
    private readonly TempDirectory files = new();

    public void Dispose()
    {
        console.Dispose();
        files.Dispose();
    }

    [Fact]
    public async Task An_invalid_spec_prints_every_error_and_exits_2_without_planning()
    {
        var file = files.Write("orders.json", Specs.BadJson);
        var calls = new List<(string, bool)>();

        var exitCode = await RunAsync(TestCli.Returns(TwoSteps, calls), "plan", file);

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        Assert.Equal([$"{file}: spec.clusterSize: must be at least 1", $"{file}: spec.image: is required"], console.OutLines);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task A_missing_file_exits_1()
    {
        var exitCode = await RunAsync(TestCli.Returns(TwoSteps), "plan", Path.Combine(files.Path, "nope.json"));

        Assert.Equal(ExitCodes.Failure, exitCode);
    }

    [Fact]
    public async Task Prints_the_numbered_steps()
    {
        var file = files.Write("orders.json", Specs.ClusterJson);

        var exitCode = await RunAsync(TestCli.Returns(TwoSteps), "plan", "--local", file);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(
            [
                "Plan for cluster orders (generation 3) against an empty simulated AWS account: 2 step(s).",
                "1. cluster: create Cloud Map service orders-broker-0 (missing)",
                "2. node 0: create ECS service orders-broker-0 (missing)",
            ],
            console.OutLines);
    }

    [Fact]
    public async Task Blockers_are_printed_and_exit_5()
    {
        var file = files.Write("orders.json", Specs.ClusterJson);
        var blocked = TwoSteps with { Blockers = ["ECS service orders-broker-1 exists but is not tagged as ours"] };

        var exitCode = await RunAsync(TestCli.Returns(blocked), "plan", file);

        Assert.Equal(ExitCodes.PlanBlocked, exitCode);
        Assert.Contains("Plan for cluster orders (generation 3) against AWS: 2 step(s).", console.OutLines);
        Assert.Contains("- ECS service orders-broker-1 exists but is not tagged as ours", console.OutLines);
    }

    [Fact]
    public async Task An_empty_plan_says_there_are_no_changes()
    {
        var file = files.Write("orders.json", Specs.ClusterJson);

        var exitCode = await RunAsync(TestCli.Returns(new PlanPreview("orders", [], [])), "plan", file);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(["No changes: cluster orders (generation 3) matches its spec in AWS."], console.OutLines);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_local_flag_chooses_the_backend(bool local)
    {
        var file = files.Write("orders.json", Specs.ClusterJson);
        var calls = new List<(string Cluster, bool Local)>();
        string[] args = local ? ["plan", "--local", file] : ["plan", file];

        await RunAsync(TestCli.Returns(TwoSteps, calls), args);

        Assert.Equal([("orders", local)], calls);
    }

    [Fact]
    public async Task Json_output_has_the_steps_and_blockers()
    {
        var file = files.Write("orders.json", Specs.ClusterJson);

        await RunAsync(TestCli.Returns(TwoSteps with { Blockers = ["conflict"] }), "plan", "--local", "-o", "json", file);

        using var json = JsonDocument.Parse(console.Out);
        var root = json.RootElement;
        Assert.Equal("orders", root.GetProperty("cluster").GetString());
        Assert.Equal("local", root.GetProperty("target").GetString());
        Assert.Equal(3, root.GetProperty("generation").GetInt64());
        Assert.Equal(2, root.GetProperty("steps").GetArrayLength());
        Assert.Equal(0, root.GetProperty("steps")[1].GetProperty("nodeId").GetInt32());
        Assert.Equal("ECS service", root.GetProperty("steps")[1].GetProperty("resourceKind").GetString());
        Assert.Equal("conflict", root.GetProperty("blockers")[0].GetString());
    }

    [Fact]
    public async Task Json_output_of_an_invalid_spec_has_the_errors()
    {
        var file = files.Write("orders.json", Specs.BadJson);

        var exitCode = await RunAsync(TestCli.Returns(TwoSteps), "plan", "-o", "json", file);

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        using var json = JsonDocument.Parse(console.Out);
        Assert.Equal(2, json.RootElement.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Plan_of_the_shipped_sample_against_an_empty_simulated_account_lists_every_step()
    {
        var exitCode = await OperatorCli.InvokeAsync(["plan", "--local", "-o", "json", TestCli.Sample("dev.json")], TestCli.RealEnvironment(console));

        Assert.Equal(ExitCodes.Success, exitCode);
        using var json = JsonDocument.Parse(console.Out);
        // Four per node and the gateway Cloud Map service.
        Assert.Equal(13, json.RootElement.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task The_hosted_planner_asks_the_registered_planner_against_the_local_ports()
    {
        var file = files.Write("orders.json", Specs.ClusterJson);
        var backend = new TestBackend();
        backend.Planner.Setup(p => p.PreviewAsync(It.IsAny<ZeebeClusterDocument>(), It.IsAny<CancellationToken>())).ReturnsAsync(TwoSteps);

        var exitCode = await OperatorCli.InvokeAsync(["plan", "--local", file], TestCli.Environment(console, backend));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("2. node 0: create ECS service orders-broker-0 (missing)", console.OutLines);
        Assert.Equal(new HostRequest(Local: true, SpecsDirectory: null, WithController: false), Assert.Single(backend.Requests));
    }

    [Fact]
    public async Task Invalid_configuration_is_reported_with_exit_3()
    {
        var file = files.Write("orders.json", Specs.ClusterJson);
        var backend = new TestBackend();
        var environment = TestCli.Environment(console, backend) with
        {
            ConfigurationOverrides = new Dictionary<string, string?>
            {
                ["Operator:MaxConcurrentReconciles"] = "0",
                ["Operator:SpecPollInterval"] = "00:00:00",
            },
        };

        var exitCode = await OperatorCli.InvokeAsync(["plan", "--local", file], environment);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("Operator:MaxConcurrentReconciles must be at least 1 (was 0).", console.Error, StringComparison.Ordinal);
        Assert.Contains("Operator:SpecPollInterval must be a positive duration", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_AWS_target_options_reach_the_planner_and_are_refused_with_local()
    {
        var file = files.Write("orders.json", Specs.ClusterJson);
        IReadOnlyDictionary<string, string?>? seen = null;
        PlanSource plan = (_, _, aws, _) =>
        {
            seen = aws;
            return Task.FromResult(TwoSteps);
        };

        var exitCode = await RunAsync(plan, "plan", file, "--bucket", "team-specs", "--region", "eu-west-1");
        var localExitCode = await RunAsync(plan, "plan", "--local", file, "--table", "other");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("team-specs", seen?["Aws:SpecBucket"]);
        Assert.Equal("eu-west-1", seen?["Aws:Region"]);
        Assert.Equal(ExitCodes.Failure, localExitCode);
        Assert.Contains("--table: only without --local; they target AWS.", console.Error, StringComparison.Ordinal);
    }

    private Task<int> RunAsync(PlanSource plan, params string[] args) =>
        OperatorCli.InvokeAsync(args, TestCli.Environment(console, plan: plan));
}
