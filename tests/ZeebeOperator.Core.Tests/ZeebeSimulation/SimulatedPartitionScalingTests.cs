using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Zeebe;
using static ZeebeOperator.Core.Tests.ZeebeSimulation.ZeebeSimulationFixture;

namespace ZeebeOperator.Core.Tests.ZeebeSimulation;

/// <summary>PATCH /actuator/cluster with <c>partitions</c>, as Zeebe 8.8+ takes it.</summary>
public sealed class SimulatedPartitionScalingTests
{
    private readonly ZeebeSimulationFixture _sim = new();

    private SimulatedZeebeCluster Zeebe => _sim.Zeebe;

    [Fact]
    public async Task More_partitions_are_bootstrapped_over_simulated_time_and_then_shown_on_the_brokers_and_the_gateway()
    {
        Zeebe.EnsureCluster(Cluster, initialClusterSize: 3, partitionCount: 3, replicationFactor: 1);
        _sim.Run(0, 1, 2);

        var accepted = await Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(6, 1), dryRun: false, CancellationToken.None);

        Assert.Equal(["broker 0 bootstrap partition 4", "broker 1 bootstrap partition 5", "broker 2 bootstrap partition 6"], accepted.PlannedOperations);
        var running = await Zeebe.GetTopologyAsync(Broker(1), CancellationToken.None);
        Assert.Equal(accepted.ChangeId, running.PendingChange!.Id);
        Assert.Equal(new PartitionScaling(3, 1), running.Partitions);
        Assert.Equal(3, (await Zeebe.GetGatewayTopologyAsync(Broker(0), CancellationToken.None)).PartitionsCount);

        _sim.Clock.Advance(TimeSpan.FromMinutes(1));

        var done = await Zeebe.GetTopologyAsync(Broker(1), CancellationToken.None);
        Assert.Null(done.PendingChange);
        Assert.Equal((accepted.ChangeId, ChangeStatus.Completed), (done.LastChange!.Id, done.LastChange.Status));
        Assert.Equal(new PartitionScaling(6, 1), done.Partitions);
        Assert.Equal([1, 4], done.Brokers[0].Partitions.Select(p => p.Id));
        var gateway = await Zeebe.GetGatewayTopologyAsync(Broker(0), CancellationToken.None);
        Assert.Equal((6, 1), (gateway.PartitionsCount, gateway.ReplicationFactor));
    }

    [Fact]
    public async Task A_higher_replication_factor_adds_replicas_to_the_existing_partitions()
    {
        Zeebe.EnsureCluster(Cluster, initialClusterSize: 3, partitionCount: 3, replicationFactor: 2);
        _sim.Run(0, 1, 2);

        await Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(3, 3), dryRun: false, CancellationToken.None);
        _sim.Clock.Advance(TimeSpan.FromMinutes(2));

        var topology = await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        Assert.Equal(new PartitionScaling(3, 3), topology.Partitions);
        Assert.All(topology.Brokers, b => Assert.Equal([1, 2, 3], b.Partitions.Select(p => p.Id)));
        Assert.Equal(3, (await Zeebe.GetGatewayTopologyAsync(Broker(0), CancellationToken.None)).ReplicationFactor);
    }

    [Theory]
    [InlineData(2, 1, "can only be added")]
    [InlineData(6, 4, "at most the number of brokers 3")]
    [InlineData(6, 0, "at least 1")]
    public async Task Fewer_partitions_or_a_replication_factor_beyond_the_brokers_is_a_400(int count, int replicationFactor, string reason)
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 1);
        _sim.Run(0, 1, 2);

        var error = await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(count, replicationFactor), dryRun: false, CancellationToken.None));

        Assert.Equal(ZeebeApiErrorKind.InvalidRequest, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Null((await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None)).PendingChange);
    }

    [Fact]
    public async Task Brokers_and_partitions_in_one_body_is_a_400()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 1);
        _sim.Run(0, 1, 2, 3);

        var error = await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.ScaleBrokersAndPartitionsAsync(Broker(0), [3], new PartitionScaling(6, 1), dryRun: false, CancellationToken.None));

        Assert.Equal(ZeebeApiErrorKind.InvalidRequest, error.Kind);
        Assert.Equal([0, 1, 2], (await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None)).BrokerIds);
    }

    [Fact]
    public async Task A_partitions_change_is_refused_with_409_while_a_broker_change_runs_and_a_dry_run_reserves_no_change_id()
    {
        Zeebe.EnsureCluster(Cluster, 3, 3, 1);
        _sim.Run(0, 1, 2, 3);

        var dryRun = await Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(6, 1), dryRun: true, CancellationToken.None);
        Assert.Null((await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None)).PendingChange);
        var brokers = await Zeebe.AddBrokersAsync(Broker(0), [3], dryRun: false, CancellationToken.None);
        Assert.Equal(dryRun.ChangeId, brokers.ChangeId);

        var error = await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(6, 1), dryRun: false, CancellationToken.None));

        Assert.Equal(ZeebeApiErrorKind.ChangeInProgress, error.Kind);
    }
}
