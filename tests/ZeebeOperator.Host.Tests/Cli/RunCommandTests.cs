using System.Text.RegularExpressions;
using Moq;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Cli;

/// <summary>The whole host (watcher, workers, Quartz) on a test backend: Moq'd ports and reconciler.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly CapturedConsole console = new();
    private readonly TempDirectory specs = new();

    public RunCommandTests()
    {
        specs.Write("orders.json", Specs.ClusterJson);
        specs.Write("payments.json", Specs.ClusterJson.Replace("orders", "payments", StringComparison.Ordinal));
        specs.Write("stack.json", """{ "AWSTemplateFormatVersion": "2010-09-09" }""");
        specs.Write("aws/cluster.json", Specs.ClusterJson);
    }

    public void Dispose()
    {
        console.Dispose();
        specs.Dispose();
    }

    [Fact]
    public async Task Local_until_converged_exits_0_once_every_spec_is_Ready()
    {
        var backend = new TestBackend("orders.json", "payments.json");

        var exitCode = await RunAsync(backend, TimeProvider.System, "run", "--local", "--specs", specs.Path, "--until-converged", "--timeout", "60s");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("All 2 cluster(s) Ready", console.Out, StringComparison.Ordinal);
        Assert.Contains("orders-broker-2.zeebe.internal", console.Tables, StringComparison.Ordinal);
        Assert.Contains("payments", console.Tables, StringComparison.Ordinal);
        Assert.Equal(new HostRequest(Local: true, specs.Path, WithController: true), Assert.Single(backend.Requests));
        backend.Reconciler.Verify(r => r.ReconcileAsync("orders", It.IsAny<CancellationToken>()), Times.AtLeastOnce);
        backend.Reconciler.Verify(r => r.ReconcileAsync("payments", It.IsAny<CancellationToken>()), Times.AtLeastOnce);
    }

    [Fact]
    public async Task Until_converged_exits_1_with_the_table_after_the_timeout()
    {
        var clock = new ManualTimeProvider(TestTime.Start);
        var backend = new TestBackend("orders.json", "payments.json");
        backend.Statuses["orders"] = Specs.Status("orders", ready: true);
        backend.Statuses["payments"] = Specs.Status("payments", ready: false);
        backend.Reconciler.Setup(r => r.ReconcileAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ReconcileResult.InProgress(TimeSpan.FromMinutes(1)));

        var run = RunAsync(backend, clock, "run", "--local", "--specs", specs.Path, "--until-converged", "--timeout", "5m");
        await backend.WaitForLatestAsync("orders", "payments");
        Assert.True(await clock.WaitForTimerCreatedAsync(TestTime.WaitLimit));
        clock.Advance(TimeSpan.FromMinutes(5));
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("Not converged within 00:05:00; not Ready: payments.", console.Out, StringComparison.Ordinal);
        Assert.Contains("NodesStarting", console.Tables, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_top_level_ZeebeCluster_files_are_awaited()
    {
        // The spec store lists more than the folder's ZeebeCluster files; only those count for convergence.
        var backend = new TestBackend("orders.json", "payments.json", "other.json");
        backend.Statuses["orders"] = Specs.Status("orders", ready: true);
        backend.Statuses["payments"] = Specs.Status("payments", ready: true);
        backend.Reconciler.Setup(r => r.ReconcileAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ReconcileResult.InProgress(TimeSpan.FromMinutes(1)));

        var exitCode = await RunAsync(backend, TimeProvider.System, "run", "--local", "--specs", specs.Path, "--until-converged", "--timeout", "60s");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.DoesNotContain("other", console.Tables, StringComparison.Ordinal);
        Assert.Contains("All 2 cluster(s) Ready", console.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Against_AWS_the_clusters_come_from_the_spec_store()
    {
        var backend = new TestBackend("orders.json");

        var exitCode = await RunAsync(backend, TimeProvider.System, "run", "--until-converged", "--timeout", "60s");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.False(Assert.Single(backend.Requests).Local);
        Assert.Contains("All 1 cluster(s) Ready", console.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_specs_folder_exits_1()
    {
        var exitCode = await RunAsync(new TestBackend(), TimeProvider.System, "run", "--local", "--specs", Path.Combine(specs.Path, "nope"));

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("Specs folder not found", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_ZeebeCluster_specs_cannot_converge()
    {
        using var empty = new TempDirectory();
        empty.Write("stack.json", "{}");

        var exitCode = await RunAsync(new TestBackend(), TimeProvider.System, "run", "--local", "--specs", empty.Path, "--until-converged");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("No ZeebeCluster specs", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_samples_converge_on_the_real_operator_and_simulation()
    {
        using var samples = new TempDirectory();
        samples.Write("dev.json", File.ReadAllText(TestCli.Sample("dev.json")));

        var exitCode = await OperatorCli.InvokeAsync(
            ["run", "--local", "--specs", samples.Path, "--until-converged", "--timeout", "90s"],
            TestCli.RealEnvironment(console));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("All 1 cluster(s) Ready", console.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_configuration_exits_3_before_anything_runs()
    {
        var backend = new TestBackend("orders.json");
        var environment = TestCli.Environment(console, backend) with
        {
            ConfigurationOverrides = new Dictionary<string, string?> { ["Operator:MaxBackoff"] = "00:00:00.1" },
        };

        var exitCode = await OperatorCli.InvokeAsync(["run", "--local", "--specs", specs.Path], environment);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("Operator:MaxBackoff (00:00:00.1000000) must not be less than Operator:BaseBackoff", console.Error, StringComparison.Ordinal);
        backend.Reconciler.Verify(r => r.ReconcileAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_bad_timeout_is_a_usage_error()
    {
        var exitCode = await RunAsync(new TestBackend(), TimeProvider.System, "run", "--timeout", "soon");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("'soon' is not a duration", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_terminal_the_table_is_drawn_from_memory_without_reading_the_stores()
    {
        using var terminal = new CapturedConsole(terminal: true);
        var backend = new TestBackend("orders.json");

        var exitCode = await RunAsync(terminal, backend, TimeProvider.System, "run", "--until-converged", "--timeout", "60s");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("orders-broker-2.zeebe.internal", terminal.Tables, StringComparison.Ordinal);
        Assert.Contains("All 1 cluster(s) Ready", terminal.Out, StringComparison.Ordinal);
        backend.StatusStore.Verify(s => s.ListAsync(It.IsAny<CancellationToken>()), Times.Never);
        backend.StatusStore.Verify(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        // One listing per poll of the spec watcher; before, the table listed the specs again on every redraw.
        backend.SpecStore.Verify(s => s.ListAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task On_a_terminal_the_table_is_drawn_again_whenever_a_status_changes()
    {
        using var terminal = new CapturedConsole(terminal: true);
        var backend = new TestBackend("orders.json", "payments.json");
        backend.ConvergesAfterOneRound("orders", TimeSpan.FromMilliseconds(10));

        var exitCode = await RunAsync(terminal, backend, TimeProvider.System, "run", "--local", "--specs", specs.Path, "--until-converged", "--timeout", "60s");

        Assert.Equal(ExitCodes.Success, exitCode);
        var tables = terminal.Tables;
        Assert.True(tables.IndexOf("NodesStarting", StringComparison.Ordinal) < tables.LastIndexOf("AllNodesReady", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_terminal_only_the_final_table_and_summary_are_printed()
    {
        var backend = new TestBackend("orders.json", "payments.json");
        backend.ConvergesAfterOneRound("orders", TimeSpan.FromMilliseconds(200));

        var exitCode = await RunAsync(backend, TimeProvider.System, "run", "--local", "--specs", specs.Path, "--until-converged", "--timeout", "60s");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Single(Regex.Matches(console.Tables, "Zeebe clusters"));
        Assert.DoesNotContain("NodesStarting", console.Tables, StringComparison.Ordinal);
        Assert.Contains("AllNodesReady", console.Tables, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_operator_never_lists_the_status_store_to_show_or_decide()
    {
        using var terminal = new CapturedConsole(terminal: true);
        using var samples = new TempDirectory();
        samples.Write("dev.json", File.ReadAllText(TestCli.Sample("dev.json")));
        var counting = new CountingStatusBackend();

        var exitCode = await OperatorCli.InvokeAsync(
            ["run", "--local", "--specs", samples.Path, "--until-converged", "--timeout", "90s"],
            TestCli.RealEnvironment(terminal) with { Backend = counting.Use });

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("AllBrokersReady", terminal.Tables, StringComparison.Ordinal);
        Assert.Equal(0, counting.StatusLists);
        Assert.True(counting.StatusReads > 0, "the reconciler reads each cluster's status");
    }

    private Task<int> RunAsync(TestBackend backend, TimeProvider time, params string[] args) => RunAsync(console, backend, time, args);

    private static Task<int> RunAsync(CapturedConsole output, TestBackend backend, TimeProvider time, params string[] args) =>
        OperatorCli.InvokeAsync(args, TestCli.Environment(output, backend) with { Time = time });
}
