using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>The operator against a simulated Zeebe as strict as 8.8/8.9: no change history, a coordinator, late answers.</summary>
public sealed class StrictZeebeScenarioTests : IDisposable
{
    private const string EcsCluster = "camunda";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);
    private static readonly Dictionary<string, string?> Settings = new() { ["Operator:TopologyChangeTimeout"] = "00:02:00" };

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private OperatorHarness _operator;

    public StrictZeebeScenarioTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions
        {
            Zeebe = new SimulatedZeebeOptions { StartupDuration = TimeSpan.FromSeconds(10), ChangeDuration = TimeSpan.FromSeconds(5) },
        });
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, _aws.Zeebe, Settings);
    }

    public void Dispose() => _operator.Dispose();

    private SimulatedZeebeCluster Zeebe => _aws.Zeebe.Cluster;

    private int ChangeRequests => Zeebe.Calls.Count(c => c.Operation is SimulatedZeebeOperation.AddBrokers or SimulatedZeebeOperation.RemoveBrokers && !c.DryRun);

    private async Task<ClusterStatus> StatusAsync() => (await _operator.StatusAsync())!;

    private void Pass()
    {
        _time.Advance(Step);
        _aws.Advance();
    }

    /// <summary>Reconciles in small steps until the status records a topology change (the scale-up was asked for).</summary>
    private async Task<ClusterStatus> ReconcileUntilAChangeIsRecordedAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            await _operator.ReconcileAsync();
            if ((await StatusAsync()).TopologyChange is not null)
            {
                return await StatusAsync();
            }

            Pass();
        }

        throw new Xunit.Sdk.XunitException("no topology change was recorded");
    }

    private async Task<ReconcileResult> ConvergeAsync(Func<Task>? afterPass = null)
    {
        for (var i = 0; i < 400; i++)
        {
            var result = await _operator.ReconcileAsync();
            if (afterPass is not null)
            {
                await afterPass();
            }

            if (result.Outcome is ReconcileOutcome.Converged or ReconcileOutcome.Blocked)
            {
                return result;
            }

            Pass();
        }

        throw new Xunit.Sdk.XunitException($"not converged: {_operator.Results[^1]}");
    }

    private async Task ConvergedAsync(int clusterSize = 3, string image = "camunda/camunda:8.8.3")
    {
        _operator.Commit(TestSpecs.Orders(clusterSize: clusterSize, image: image));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeAsync()).Outcome);
    }

    [Fact]
    public async Task A_stuck_change_times_out_from_when_the_operator_first_saw_it_running_even_across_a_restart()
    {
        await ConvergedAsync();
        _operator.Commit(TestSpecs.Orders(clusterSize: 5, generation: 2));
        var asked = await ReconcileUntilAChangeIsRecordedAsync();
        var seenAt = _time.GetUtcNow();
        Assert.Equal(seenAt, asked.TopologyChange!.RunningSince);
        Assert.True(Zeebe.StallCurrentChange("orders"));

        _time.Advance(TimeSpan.FromSeconds(90));
        _operator.Dispose();
        _operator = new OperatorHarness(_aws, _time, _aws.Zeebe, Settings);
        await _operator.ReconcileAsync();
        var before = await StatusAsync();
        Assert.Equal(ConditionStatus.False, before.Find(ConditionTypes.Degraded)!.Status);
        Assert.Equal(seenAt, before.TopologyChange!.RunningSince);

        _time.Advance(TimeSpan.FromSeconds(31));
        var result = await _operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.Blocked, result.Outcome);
        var degraded = (await StatusAsync()).Find(ConditionTypes.Degraded)!;
        Assert.Equal("TopologyChangeStuck", degraded.Reason);
        Assert.Contains($"running since {seenAt.UtcDateTime:u}", degraded.Message, StringComparison.Ordinal);
        Assert.Equal(1, ChangeRequests);
    }

    [Fact]
    public async Task A_change_running_exactly_as_long_as_the_timeout_is_still_waited_for_and_stuck_a_moment_later()
    {
        await ConvergedAsync();
        _operator.Commit(TestSpecs.Orders(clusterSize: 5, generation: 2));
        var asked = await ReconcileUntilAChangeIsRecordedAsync();
        Assert.True(Zeebe.StallCurrentChange("orders"));

        _time.Advance(asked.TopologyChange!.RunningSince!.Value + TimeSpan.FromMinutes(2) - _time.GetUtcNow());
        var atTimeout = await _operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.InProgress, atTimeout.Outcome);
        Assert.Equal(ConditionStatus.False, (await StatusAsync()).Find(ConditionTypes.Degraded)!.Status);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var after = await _operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.Blocked, after.Outcome);
        Assert.Equal("TopologyChangeStuck", (await StatusAsync()).Find(ConditionTypes.Degraded)!.Reason);
    }

    [Fact]
    public async Task A_change_request_that_timed_out_is_adopted_from_the_topology_and_never_asked_again()
    {
        await ConvergedAsync();
        Zeebe.AnswerNextChangeLate("orders");
        _operator.Commit(TestSpecs.Orders(clusterSize: 5, generation: 2));

        var asked = await ReconcileUntilAChangeIsRecordedAsync();

        Assert.Equal(SimulatedZeebeOutcome.Timeout, Zeebe.Calls.Last(c => c.Operation == SimulatedZeebeOperation.AddBrokers).Outcome);
        Assert.Equal((1L, "IN_PROGRESS"), (asked.TopologyChange!.Id, asked.TopologyChange.Status));
        Assert.Equal(ConditionStatus.False, asked.Find(ConditionTypes.Degraded)!.Status);
        var result = await ConvergeAsync(() =>
        {
            Assert.Equal(1, ChangeRequests);
            return Task.CompletedTask;
        });
        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal("COMPLETED", (await StatusAsync()).TopologyChange!.Status);
    }

    [Fact]
    public async Task A_change_overtaken_by_later_changes_is_resolved_by_reading_the_topology()
    {
        await ConvergedAsync();
        _operator.Commit(TestSpecs.Orders(clusterSize: 5, generation: 2));
        var asked = await ReconcileUntilAChangeIsRecordedAsync();
        Assert.Equal("IN_PROGRESS", asked.TopologyChange!.Status);

        // While the operator does not look, the change completes and two more (someone else's) run after it.
        await RunToCompletionAsync(() => Task.CompletedTask);
        await RunToCompletionAsync(() => Zeebe.RemoveBrokersAsync(Broker(0), [4], dryRun: false, CancellationToken.None));
        await RunToCompletionAsync(() => Zeebe.AddBrokersAsync(Broker(0), [4], dryRun: false, CancellationToken.None));
        Assert.Equal(3, Zeebe.Inspect("orders")!.LastChange!.Id);

        await _operator.ReconcileAsync();

        var status = await StatusAsync();
        Assert.Equal((1L, "COMPLETED"), (status.TopologyChange!.Id, status.TopologyChange.Status));
    }

    [Fact]
    public async Task While_the_coordinator_is_down_the_status_says_so_and_no_broker_is_asked_in_vain()
    {
        await ConvergedAsync();
        var task = _aws.Ecs.GetTasks(EcsCluster, "orders-broker-0").Single(t => t.LastStatus == EcsTaskStatus.Running);
        _aws.Ecs.StopTask(EcsCluster, task.TaskArn);
        _operator.Commit(TestSpecs.Orders(clusterSize: 4, generation: 2));
        var mark = Zeebe.Calls.Count;

        await _operator.ReconcileAsync();

        var status = await StatusAsync();
        Assert.Contains(status.Conditions, c => c.Message.Contains("the cluster API is unavailable: broker 0, its coordinator (the lowest member ID), is down", StringComparison.Ordinal));
        Assert.DoesNotContain(Zeebe.Calls.Skip(mark), c => c.Operation == SimulatedZeebeOperation.GetTopology);
        Assert.Equal(0, ChangeRequests);
    }

    [Fact]
    public async Task The_coordinator_is_not_restarted_while_a_change_runs_and_goes_last_in_a_rollout()
    {
        await ConvergedAsync();
        _operator.Commit(TestSpecs.Orders(clusterSize: 4, generation: 2));
        await ReconcileUntilAChangeIsRecordedAsync();
        Assert.True(Zeebe.StallCurrentChange("orders"));
        _operator.Commit(TestSpecs.Orders(clusterSize: 4, image: "camunda/camunda:8.8.4", generation: 3));

        for (var i = 0; i < 20; i++)
        {
            await _operator.ReconcileAsync();
            Pass();
        }

        Assert.DoesNotContain(_aws.Audit.All, a => a.Action == "ecs:UpdateService");
        Assert.True(Zeebe.ResumeCurrentChange("orders"));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeAsync()).Outcome);
        var updates = _aws.Audit.All.Where(a => a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Succeeded).OrderBy(a => a.Timestamp).Select(a => a.Resource);
        Assert.Equal(["orders-broker-3", "orders-broker-2", "orders-broker-1", "orders-broker-0"], updates);
    }

    [Fact]
    public async Task A_rolling_restart_waits_until_every_partition_has_a_leader_and_all_its_replicas_healthy()
    {
        await ConvergedAsync();
        Zeebe.SetPartitionHealth("orders", 1, 2, PartitionHealth.Unhealthy);
        _operator.Commit(TestSpecs.Orders(image: "camunda/camunda:8.8.4", generation: 2));

        for (var i = 0; i < 10; i++)
        {
            await _operator.ReconcileAsync();
            Pass();
        }

        Assert.DoesNotContain(_aws.Audit.All, a => a.Action == "ecs:UpdateService");
        Assert.Contains((await StatusAsync()).Pending!, p => p.Contains("partition 2 has 2 of 3 replicas healthy (brokers 0,2)", StringComparison.Ordinal));

        Zeebe.SetPartitionHealth("orders", 1, 2, null);
        var holds = new List<string>();
        var result = await ConvergeAsync(async () => holds.AddRange((await StatusAsync()).Pending ?? []));

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal(3, _aws.Audit.All.Count(a => a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Succeeded));
        // After a broker restarted, the next waited for the partitions it serves, not only for its readiness.
        Assert.Contains(holds, p => p.Contains("no leader", StringComparison.Ordinal) || p.Contains("replicas healthy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rolling_restart_held_by_readiness_says_which_check_fails()
    {
        await ConvergedAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        Zeebe.FailReadinessCheck("orders", 1, "searchEngine");
        _operator.Commit(TestSpecs.Orders(image: "camunda/camunda:8.8.4", generation: 2));

        await _operator.ReconcileAsync();

        Assert.DoesNotContain(_aws.Audit.All, a => a.Action == "ecs:UpdateService");
        var pending = (await StatusAsync()).Pending!;
        Assert.True(pending.Any(p => p.Contains("waiting for broker 1 to report ready (failing: searchEngine)", StringComparison.Ordinal)), string.Join(" | ", pending));
    }

    private static Uri Broker(int nodeId) => new ZeebeBrokerAddress("orders", nodeId, "zeebe.internal").ToUri();

    /// <summary>Starts a change (or none) and lets simulated time pass, observing the cluster, until nothing is pending.</summary>
    private async Task RunToCompletionAsync(Func<Task> start)
    {
        await start();
        for (var i = 0; i < 100 && Zeebe.Inspect("orders")!.PendingChange is not null; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Null(Zeebe.Inspect("orders")!.PendingChange);
    }
}
