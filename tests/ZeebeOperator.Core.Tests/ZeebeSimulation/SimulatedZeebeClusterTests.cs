using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Zeebe;
using static ZeebeOperator.Core.Tests.ZeebeSimulation.ZeebeSimulationFixture;

namespace ZeebeOperator.Core.Tests.ZeebeSimulation;

public sealed class SimulatedZeebeClusterTests
{
    private static readonly string[] AddBrokerTwo =
    [
        "add broker 2",
        "broker 2 join partition 3",
        "broker 0 join partition 4",
        "broker 0 leave partition 3",
        "broker 1 leave partition 4",
    ];

    private readonly ZeebeSimulationFixture _sim = new();

    private SimulatedZeebeCluster Zeebe => _sim.Zeebe;

    [Fact]
    public async Task The_initial_members_are_the_brokers_of_the_initial_cluster_size_with_round_robin_partitions()
    {
        Zeebe.EnsureCluster(Cluster, initialClusterSize: 4, partitionCount: 4, replicationFactor: 2);
        _sim.Run(0);

        var topology = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);

        Assert.Equal([0, 1, 2, 3], topology.BrokerIds);
        Assert.All(topology.Brokers, b => Assert.Equal("ACTIVE", b.State.Name));
        Assert.Equal([new PartitionMember(1, MemberState.Active, 2), new PartitionMember(4, MemberState.Active, 1)], topology.Brokers[0].Partitions);
        Assert.Equal([new PartitionMember(1, MemberState.Active, 1), new PartitionMember(2, MemberState.Active, 2)], topology.Brokers[1].Partitions);
        Assert.Equal([new PartitionMember(3, MemberState.Active, 1), new PartitionMember(4, MemberState.Active, 2)], topology.Brokers[3].Partitions);
        Assert.Null(topology.LastChange);
        Assert.Null(topology.PendingChange);
    }

    [Fact]
    public async Task A_cluster_may_be_reshaped_until_its_first_broker_runs()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 3);
        Zeebe.EnsureCluster(Cluster, 5, 3, 3);
        _sim.Run(0);
        Assert.Equal([0, 1, 2, 3, 4], (await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None)).BrokerIds);

        Zeebe.EnsureCluster(Cluster, 7, 3, 3);

        Assert.Equal([0, 1, 2, 3, 4], (await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None)).BrokerIds);
    }

    [Fact]
    public async Task A_broker_that_is_not_running_or_not_known_is_unreachable()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 3);
        _sim.Run(0, 1);

        await AssertFails(ZeebeApiErrorKind.Unreachable, Zeebe.GetTopologyAsync(Broker(2), CancellationToken.None));
        await AssertFails(ZeebeApiErrorKind.Unreachable, Zeebe.CheckHealthAsync(Broker(2), HealthProbe.Liveness, CancellationToken.None));
        await AssertFails(ZeebeApiErrorKind.Unreachable, Zeebe.GetTopologyAsync(Broker(0, "payments"), CancellationToken.None));
        await AssertFails(ZeebeApiErrorKind.Unreachable, Zeebe.GetTopologyAsync(new Uri("http://10.0.0.7:9600"), CancellationToken.None));

        Assert.Equal(
            [(Cluster, (int?)2), (Cluster, 2), ("payments", 0), ("10.0.0.7", null)],
            Zeebe.Calls.Select(c => (c.ClusterName, c.ViaNodeId)));
        Assert.All(Zeebe.Calls, c => Assert.Equal(SimulatedZeebeOutcome.Unreachable, c.Outcome));
    }

    [Fact]
    public async Task Adding_a_broker_runs_each_operation_for_the_change_duration_and_then_completes()
    {
        Zeebe.EnsureCluster(Cluster, initialClusterSize: 2, partitionCount: 4, replicationFactor: 1);
        _sim.Run(0, 1, 2);

        var accepted = await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None);

        Assert.Equal(1, accepted.ChangeId);
        Assert.Equal([0, 1, 2], accepted.ExpectedBrokerIds);
        Assert.Equal(AddBrokerTwo, accepted.PlannedOperations);
        var started = (await Zeebe.GetTopologyAsync(Broker(1), CancellationToken.None)).PendingChange!;
        Assert.Equal(new TopologyChange(1, ChangeStatus.InProgress, null, null, 0, started.PendingOperations), started);
        Assert.Equal(AddBrokerTwo, started.PendingOperations);

        _sim.Clock.Advance(TimeSpan.FromSeconds(12));
        var halfway = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        Assert.Equal(2, halfway.PendingChange!.CompletedOperations);
        Assert.Equal([0, 1, 2], halfway.BrokerIds);
        Assert.Equal([new PartitionMember(3, MemberState.Active, 1)], halfway.Brokers[2].Partitions);

        _sim.Clock.Advance(TimeSpan.FromSeconds(13));
        var topology = await Zeebe.GetTopologyAsync(Broker(2), CancellationToken.None);
        Assert.Null(topology.PendingChange);
        Assert.Equal(new TopologyChange(1, ChangeStatus.Completed, Start, Start.AddSeconds(25), 0, []), topology.LastChange! with { PendingOperations = [] });
        Assert.Empty(topology.LastChange.PendingOperations);
        Assert.Equal([1, 4], topology.Brokers[0].Partitions.Select(p => p.Id));
        Assert.Equal([2], topology.Brokers[1].Partitions.Select(p => p.Id));
        Assert.Equal([3], topology.Brokers[2].Partitions.Select(p => p.Id));
    }

    [Fact]
    public async Task Removing_a_broker_marks_it_leaving_and_drops_it_from_the_members_when_complete()
    {
        Zeebe.EnsureCluster(Cluster, 3, 4, 1);
        _sim.Run(0, 1, 2);

        var accepted = await Zeebe.RemoveBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None);

        Assert.Equal([0, 1], accepted.ExpectedBrokerIds);
        Assert.Equal("remove broker 2", accepted.PlannedOperations[^1]);
        Assert.Equal(MemberState.Leaving, (await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None)).Brokers[2].State);

        _sim.Clock.Advance(Step * accepted.PlannedOperations.Count);

        var topology = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        Assert.Equal([0, 1], topology.BrokerIds);
        Assert.Equal(ChangeStatus.Completed, topology.LastChange!.Status);
        Assert.Equal(4, topology.Brokers.Sum(b => b.Partitions.Count));
    }

    [Fact]
    public async Task A_change_progresses_only_while_the_brokers_it_involves_are_running()
    {
        Zeebe.EnsureCluster(Cluster, 2, 4, 1);
        _sim.Run(0, 1);
        await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None);

        _sim.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, (await Change()).CompletedOperations);

        // Broker 2 comes up: progress counts from the first observation that sees it running.
        _sim.Run(2);
        _sim.Clock.Advance(Step);
        Assert.Equal(0, (await Change()).CompletedOperations);
        _sim.Clock.Advance(Step);
        Assert.Equal(1, (await Change()).CompletedOperations);

        // Broker 1 stops: its operation (the last) waits for it.
        _sim.Stop(1);
        _sim.Clock.Advance(TimeSpan.FromMinutes(10));
        var waiting = await Change();
        Assert.Equal((ChangeStatus.InProgress, 4), (waiting.Status, waiting.CompletedOperations));
        Assert.Equal(["broker 1 leave partition 4"], waiting.PendingOperations);

        _sim.Run(1);
        await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        _sim.Clock.Advance(Step);
        Assert.Equal(ChangeStatus.Completed, (await Change()).Status);
    }

    [Fact]
    public async Task Another_change_is_rejected_with_409_while_one_runs_even_as_a_dry_run()
    {
        Zeebe.EnsureCluster(Cluster, 2, 4, 1);
        _sim.Run(0, 1, 2, 3);
        await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None);

        await AssertFails(ZeebeApiErrorKind.ChangeInProgress, Zeebe.AddBrokersAsync(Broker(1), [3], dryRun: false, CancellationToken.None));
        await AssertFails(ZeebeApiErrorKind.ChangeInProgress, Zeebe.RemoveBrokersAsync(Broker(1), [1], dryRun: true, CancellationToken.None));

        _sim.Clock.Advance(Step * AddBrokerTwo.Length);
        var next = await Zeebe.AddBrokersAsync(Broker(1), [3], dryRun: false, CancellationToken.None);
        Assert.Equal(2, next.ChangeId);
        Assert.Equal(
            [SimulatedZeebeOutcome.Accepted, SimulatedZeebeOutcome.ChangeInProgress, SimulatedZeebeOutcome.ChangeInProgress, SimulatedZeebeOutcome.Accepted],
            Zeebe.Calls.Select(c => c.Outcome));
    }

    [Theory]
    [InlineData(true, new[] { 1 }, "already part of the cluster")]
    [InlineData(false, new[] { 5 }, "not part of the cluster")]
    [InlineData(false, new[] { 0, 1 }, "replication factor")]
    [InlineData(true, new int[0], "at least one broker")]
    [InlineData(true, new[] { -1 }, "negative")]
    public async Task Invalid_requests_are_rejected_with_400_and_change_nothing(bool add, int[] brokerIds, string reason)
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 2);
        _sim.Run(0, 1, 2);
        var before = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);

        var error = await AssertFails(
            ZeebeApiErrorKind.InvalidRequest,
            add ? Zeebe.AddBrokersAsync(Broker(0), brokerIds, false, CancellationToken.None) : Zeebe.RemoveBrokersAsync(Broker(0), brokerIds, false, CancellationToken.None));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        var after = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.BrokerIds, after.BrokerIds);
        Assert.Null(after.PendingChange);
        Assert.Equal(SimulatedZeebeOutcome.InvalidRequest, Zeebe.Calls[1].Outcome);
    }

    [Fact]
    public async Task A_dry_run_returns_the_plan_and_changes_nothing()
    {
        Zeebe.EnsureCluster(Cluster, 2, 4, 1);
        _sim.Run(0, 1, 2);
        var before = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);

        var plan = await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: true, CancellationToken.None);

        Assert.Equal(1, plan.ChangeId);
        Assert.Equal([0, 1, 2], plan.ExpectedBrokerIds);
        Assert.Equal(AddBrokerTwo, plan.PlannedOperations);
        _sim.Clock.Advance(TimeSpan.FromMinutes(5));
        var after = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.BrokerIds, after.BrokerIds);
        Assert.Null(after.PendingChange);
        Assert.Null(after.LastChange);
        Assert.Equal(1, (await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: true, CancellationToken.None)).ChangeId);
        Assert.Equal(1, (await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None)).ChangeId);
        Assert.True(Zeebe.Calls[1].DryRun);
    }

    [Fact]
    public async Task FailNextChange_fails_the_next_change_when_its_first_operation_would_complete()
    {
        Zeebe.EnsureCluster(Cluster, 2, 4, 1);
        _sim.Run(0, 1, 2);
        Zeebe.FailNextChange(Cluster);
        await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None);

        _sim.Clock.Advance(Step - TimeSpan.FromSeconds(1));
        Assert.Equal(ChangeStatus.InProgress, (await Change()).Status);
        _sim.Clock.Advance(TimeSpan.FromSeconds(1));

        var failed = await Change();
        Assert.Equal((ChangeStatus.Failed, Start + Step), (failed.Status, failed.CompletedAt!.Value));
        var topology = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        Assert.Equal([0, 1], topology.BrokerIds);
        Assert.Equal(ChangeStatus.Failed, topology.LastChange!.Status);

        // Only the next change fails: a retry goes through.
        var retry = await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None);
        _sim.Clock.Advance(Step * AddBrokerTwo.Length);
        Assert.Equal((retry.ChangeId, ChangeStatus.Completed), ((await Change()).Id, (await Change()).Status));
    }

    [Fact]
    public async Task FailCurrentChange_fails_the_running_change_and_keeps_the_operations_already_done()
    {
        Zeebe.EnsureCluster(Cluster, 2, 4, 1);
        _sim.Run(0, 1, 2);
        Assert.False(Zeebe.FailCurrentChange(Cluster));
        await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None);
        _sim.Clock.Advance(Step * 2);

        Assert.True(Zeebe.FailCurrentChange(Cluster));

        var failed = await Change();
        Assert.Equal(ChangeStatus.Failed, failed.Status);
        Assert.Equal([0, 1, 2], (await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None)).BrokerIds);
        Assert.False(Zeebe.FailCurrentChange(Cluster));
    }

    [Fact]
    public async Task A_stalled_change_stays_in_progress_and_blocks_others_until_resumed()
    {
        Zeebe.EnsureCluster(Cluster, 2, 4, 1);
        _sim.Run(0, 1, 2, 3);
        await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None);
        _sim.Clock.Advance(Step);

        Assert.True(Zeebe.StallCurrentChange(Cluster));
        _sim.Clock.Advance(TimeSpan.FromHours(1));

        var stalled = await Change();
        Assert.Equal((ChangeStatus.InProgress, 1), (stalled.Status, stalled.CompletedOperations));
        await AssertFails(ZeebeApiErrorKind.ChangeInProgress, Zeebe.AddBrokersAsync(Broker(0), [3], dryRun: false, CancellationToken.None));

        Assert.True(Zeebe.ResumeCurrentChange(Cluster));
        _sim.Clock.Advance(Step * (AddBrokerTwo.Length - 1));
        Assert.Equal(ChangeStatus.Completed, (await Change()).Status);
        Assert.False(Zeebe.StallCurrentChange(Cluster));
    }

    [Fact]
    public async Task A_broker_reports_not_ready_until_it_has_run_for_the_startup_duration()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 3);
        _sim.Run(0);

        Assert.True((await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Liveness, CancellationToken.None)).IsUp);
        Assert.False((await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Readiness, CancellationToken.None)).IsUp);
        _sim.Clock.Advance(Startup - TimeSpan.FromSeconds(1));
        Assert.False((await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Startup, CancellationToken.None)).IsUp);
        _sim.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Startup, CancellationToken.None)).IsUp);
        Assert.True((await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Readiness, CancellationToken.None)).IsUp);

        // A restart starts the clock again.
        _sim.Stop(0);
        await AssertFails(ZeebeApiErrorKind.Unreachable, Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Readiness, CancellationToken.None));
        _sim.Run(0);
        Assert.False((await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Readiness, CancellationToken.None)).IsUp);

        Assert.Equal(
            [SimulatedZeebeOutcome.Ok, SimulatedZeebeOutcome.Unhealthy, SimulatedZeebeOutcome.Unhealthy, SimulatedZeebeOutcome.Ok,
             SimulatedZeebeOutcome.Ok, SimulatedZeebeOutcome.Unreachable, SimulatedZeebeOutcome.Unhealthy],
            Zeebe.Calls.Select(c => c.Outcome));
        Assert.Equal(HealthProbe.Startup, Zeebe.Calls[2].Probe);
    }

    [Fact]
    public async Task Following_a_change_by_id_is_answered_405_as_on_zeebe_8_8()
    {
        Zeebe.EnsureCluster(Cluster, 2, 4, 1);
        _sim.Run(0, 1, 2);
        var accepted = await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None);

        var error = await AssertFails(ZeebeApiErrorKind.NotFound, Zeebe.GetChangeAsync(Broker(0), accepted.ChangeId, CancellationToken.None));

        Assert.Contains("405", error.Message, StringComparison.Ordinal);
        Assert.Equal(SimulatedZeebeOutcome.MethodNotAllowed, Zeebe.Calls[^1].Outcome);
        Assert.Equal(accepted.ChangeId, (await Change()).Id);
    }

    [Fact]
    public async Task While_the_coordinator_is_down_every_cluster_request_fails_after_zeebes_timeout()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 3);
        _sim.Run(1, 2);

        var topology = await AssertFails(ZeebeApiErrorKind.Timeout, Zeebe.GetTopologyAsync(Broker(2), CancellationToken.None));
        await AssertFails(ZeebeApiErrorKind.Timeout, Zeebe.RemoveBrokersAsync(Broker(1), [2], dryRun: false, CancellationToken.None));

        Assert.Contains("504", topology.Message, StringComparison.Ordinal);
        Assert.Contains("coordinator, broker 0", topology.Message, StringComparison.Ordinal);
        Assert.All(Zeebe.Calls, c => Assert.Equal((SimulatedZeebeOutcome.Timeout, TimeSpan.FromSeconds(10)), (c.Outcome, c.Duration)));

        // The brokers themselves answer what is not forwarded: health, and their gateway's topology.
        Assert.True((await Zeebe.CheckHealthAsync(Broker(1), HealthProbe.Liveness, CancellationToken.None)).IsUp);
        Assert.Equal([1, 2], (await Zeebe.GetGatewayTopologyAsync(Broker(1), CancellationToken.None)).Brokers.Select(b => b.NodeId));

        // The coordinator is back: the removal it never received did not happen.
        _sim.Run(0);
        var after = await Zeebe.GetTopologyAsync(Broker(2), CancellationToken.None);
        Assert.Equal([0, 1, 2], after.BrokerIds);
        Assert.Null(after.PendingChange);
    }

    [Fact]
    public async Task A_change_answered_after_the_caller_gave_up_runs_anyway()
    {
        Zeebe.EnsureCluster(Cluster, 2, 4, 1);
        _sim.Run(0, 1, 2);
        Zeebe.AnswerNextChangeLate(Cluster);

        await AssertFails(ZeebeApiErrorKind.Timeout, Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None));

        Assert.Equal((SimulatedZeebeOutcome.Timeout, (long?)1), (Zeebe.Calls[^1].Outcome, Zeebe.Calls[^1].ChangeId));
        Assert.Equal((1, ChangeStatus.InProgress), ((await Change()).Id, (await Change()).Status));
        _sim.Clock.Advance(Step * AddBrokerTwo.Length);
        Assert.Equal(ChangeStatus.Completed, (await Change()).Status);
        Assert.Equal([0, 1, 2], (await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None)).BrokerIds);
    }

    [Fact]
    public async Task A_recovering_broker_reports_its_partitions_recovering_and_serves_none()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 3);
        _sim.Run(0, 1, 2);
        await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        _sim.Clock.Advance(Startup + CatchUp);
        Zeebe.SetRecovering(Cluster, 1, recovering: true);

        var topology = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        var gateway = await Zeebe.GetGatewayTopologyAsync(Broker(0), CancellationToken.None);

        Assert.Equal((MemberStateKind.Recovering, "RECOVERING"), (topology.Brokers[1].State.Kind, topology.Brokers[1].State.Name));
        Assert.All(topology.Brokers[1].Partitions, p => Assert.Equal(MemberState.Recovering, p.State));
        Assert.All(gateway.Brokers[1].Partitions, p => Assert.Equal((PartitionRole.Inactive, PartitionHealth.Unhealthy), (p.Role, p.Health)));
        Assert.Equal("partition 1 has 2 of 3 replicas healthy (brokers 0,2)", gateway.PartitionGap(3, 3));
    }

    [Fact]
    public async Task The_gateway_topology_gives_each_partition_a_leader_once_a_majority_of_its_replicas_is_ready()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 3);
        _sim.Run(0, 1);

        var starting = await Zeebe.GetGatewayTopologyAsync(Broker(1), CancellationToken.None);
        Assert.Equal((3, 3, 3), (starting.ClusterSize, starting.PartitionsCount, starting.ReplicationFactor));
        Assert.Equal([0, 1], starting.Brokers.Select(b => b.NodeId));
        Assert.All(starting.Brokers.SelectMany(b => b.Partitions), p => Assert.Equal((PartitionRole.Inactive, PartitionHealth.Unhealthy), (p.Role, p.Health)));
        Assert.Equal("partition 1 has no leader", starting.PartitionGap(3, 3));

        _sim.Clock.Advance(Startup);
        var catchingUp = await Zeebe.GetGatewayTopologyAsync(Broker(1), CancellationToken.None);
        Assert.All(Enumerable.Range(1, 3), partition => Assert.Single(catchingUp.Brokers, b => b.Partitions.Any(p => p.PartitionId == partition && p.Role == PartitionRole.Leader)));
        Assert.Equal("partition 1 has 0 of 3 replicas healthy (none)", catchingUp.PartitionGap(3, 3));

        _sim.Clock.Advance(CatchUp);
        var twoOfThree = await Zeebe.GetGatewayTopologyAsync(Broker(1), CancellationToken.None);
        Assert.Equal("partition 1 has 2 of 3 replicas healthy (brokers 0,1)", twoOfThree.PartitionGap(3, 3));
        Assert.Null(twoOfThree.PartitionGap(3, 2));

        _sim.Run(2);
        await Zeebe.GetGatewayTopologyAsync(Broker(2), CancellationToken.None);
        _sim.Clock.Advance(Startup + CatchUp);
        Assert.Null((await Zeebe.GetGatewayTopologyAsync(Broker(2), CancellationToken.None)).PartitionGap(3, 3));

        Zeebe.SetPartitionHealth(Cluster, 2, 3, PartitionHealth.Dead);
        Assert.Equal("partition 3 has 2 of 3 replicas healthy (brokers 0,1)", (await Zeebe.GetGatewayTopologyAsync(Broker(2), CancellationToken.None)).PartitionGap(3, 3));
    }

    [Fact]
    public async Task A_failed_readiness_names_its_checks_and_liveness_stays_up()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 3);
        _sim.Run(0);

        var starting = await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Readiness, CancellationToken.None);
        Assert.Equal((false, "failing: brokerReady"), (starting.IsUp, starting.DescribeFailure()));
        _sim.Clock.Advance(Startup);
        Zeebe.FailReadinessCheck(Cluster, 0, "searchEngine");

        var readiness = await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Readiness, CancellationToken.None);
        Assert.Equal((false, "failing: searchEngine"), (readiness.IsUp, readiness.DescribeFailure()));
        Assert.True((await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Startup, CancellationToken.None)).IsUp);
        Assert.True((await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Liveness, CancellationToken.None)).IsUp);

        Zeebe.FailReadinessCheck(Cluster, 0, "searchEngine", failing: false);
        Assert.Equal(HealthReport.Up, await Zeebe.CheckHealthAsync(Broker(0), HealthProbe.Readiness, CancellationToken.None));
    }

    [Fact]
    public async Task The_call_log_keeps_the_order_brokers_and_outcomes_of_every_call()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 1);
        _sim.Run(0, 1, 2);

        await Zeebe.GetTopologyAsync(Broker(1), CancellationToken.None);
        var accepted = await Zeebe.RemoveBrokersAsync(Broker(1), [2], dryRun: false, CancellationToken.None);
        _sim.Clock.Advance(Step);
        await AssertFails(ZeebeApiErrorKind.NotFound, Zeebe.GetChangeAsync(Broker(0), accepted.ChangeId, CancellationToken.None));

        Assert.Equal(
            [
                new SimulatedZeebeCall(1, Start, Cluster, 1, SimulatedZeebeOperation.GetTopology, [], false, null, SimulatedZeebeOutcome.Ok, null),
                new SimulatedZeebeCall(2, Start, Cluster, 1, SimulatedZeebeOperation.RemoveBrokers, [2], false, null, SimulatedZeebeOutcome.Accepted, 1),
                new SimulatedZeebeCall(3, Start + Step, Cluster, 0, SimulatedZeebeOperation.GetChange, [], false, null, SimulatedZeebeOutcome.MethodNotAllowed, null),
            ],
            Zeebe.Calls.Select(c => c with { BrokerIds = [.. c.BrokerIds] }),
            SimulatedCallComparer.Instance);
    }

    [Fact]
    public async Task Clusters_are_independent()
    {
        Zeebe.EnsureCluster(Cluster, 2, 4, 1);
        Zeebe.EnsureCluster("payments", 3, 3, 3);
        _sim.Run(0, 1, 2);
        _sim.RunIn("payments", 0);

        await Zeebe.AddBrokersAsync(Broker(0), [2], dryRun: false, CancellationToken.None);

        var payments = await Zeebe.GetTopologyAsync(Broker(0, "payments"), CancellationToken.None);
        Assert.Equal([0, 1, 2], payments.BrokerIds);
        Assert.Null(payments.PendingChange);
        Assert.Equal(1, (await Zeebe.AddBrokersAsync(Broker(0, "payments"), [3], dryRun: true, CancellationToken.None)).ChangeId);
    }

    [Fact]
    public async Task Concurrent_calls_are_serialised_and_each_logged_once()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 3);
        _sim.Run(0, 1, 2);
        var topologies = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => Zeebe.GetTopologyAsync(Broker(i % 3), CancellationToken.None))));

        Assert.All(topologies, t => Assert.Equal([0, 1, 2], t.BrokerIds));
        Assert.Equal(Enumerable.Range(1, 64).Select(i => (long)i), Zeebe.Calls.Select(c => c.Sequence));
    }

    /// <summary>The change under way, or else the last one: how a change is followed on Zeebe 8.8/8.9.</summary>
    private async Task<TopologyChange> Change()
    {
        var topology = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        return topology.PendingChange ?? topology.LastChange!;
    }

    private static async Task<ZeebeApiException> AssertFails<T>(ZeebeApiErrorKind kind, Task<T> call)
    {
        var error = await Assert.ThrowsAsync<ZeebeApiException>(() => call);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    /// <summary>Compares call records by value, broker lists included.</summary>
    private sealed class SimulatedCallComparer : IEqualityComparer<SimulatedZeebeCall>
    {
        public static readonly SimulatedCallComparer Instance = new();

        public bool Equals(SimulatedZeebeCall? x, SimulatedZeebeCall? y) =>
            x is not null && y is not null
            && x with { BrokerIds = [] } == y with { BrokerIds = [] }
            && x.BrokerIds.SequenceEqual(y.BrokerIds);

        public int GetHashCode(SimulatedZeebeCall obj) => obj.Sequence.GetHashCode();
    }
}
