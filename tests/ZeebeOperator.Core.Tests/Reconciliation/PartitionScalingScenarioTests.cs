using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>Partition scaling and replication factor changes on Zeebe 8.8+, on the strict simulated Zeebe.</summary>
public sealed class PartitionScalingScenarioTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly OperatorHarness _operator;

    public PartitionScalingScenarioTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions
        {
            Zeebe = new SimulatedZeebeOptions { StartupDuration = TimeSpan.FromSeconds(10), ChangeDuration = TimeSpan.FromSeconds(5) },
        });
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, _aws.Zeebe);
    }

    public void Dispose() => _operator.Dispose();

    private SimulatedZeebeCluster Zeebe => _aws.Zeebe.Cluster;

    private IEnumerable<SimulatedZeebeCall> Requests(SimulatedZeebeOperation operation) =>
        Zeebe.Calls.Where(c => c.Operation == operation && c.Outcome == SimulatedZeebeOutcome.Accepted);

    private async Task AssertNoFurtherScalingAsync()
    {
        var asked = Zeebe.Calls.Count(c => c.Operation == SimulatedZeebeOperation.ScalePartitions);
        Assert.Equal(ReconcileOutcome.Converged, (await _operator.ReconcileAsync()).Outcome);
        Assert.Equal(asked, Zeebe.Calls.Count(c => c.Operation == SimulatedZeebeOperation.ScalePartitions));
    }

    private static ZeebeClusterDocument Orders(int clusterSize = 3, int partitions = 3, int replicationFactor = 3, string image = "camunda/camunda:8.8.3", long generation = 1)
    {
        var document = TestSpecs.Orders(clusterSize: clusterSize, image: image, generation: generation);
        return document with { Spec = document.Spec with { PartitionCount = partitions, ReplicationFactor = replicationFactor } };
    }

    private async Task<ReconcileResult> ConvergeAsync()
    {
        for (var i = 0; i < 400; i++)
        {
            var result = await _operator.ReconcileAsync();
            if (result.Outcome is ReconcileOutcome.Converged or ReconcileOutcome.Blocked)
            {
                return result;
            }

            _time.Advance(Step);
            _aws.Advance();
        }

        throw new Xunit.Sdk.XunitException($"not converged: {_operator.Results[^1]}");
    }

    private async Task ConvergedAsync(ZeebeClusterDocument document)
    {
        _operator.Commit(document);
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeAsync()).Outcome);
    }

    [Fact]
    public async Task More_partitions_on_a_running_8_8_cluster_are_dry_run_requested_once_and_followed_to_completion()
    {
        await ConvergedAsync(Orders(replicationFactor: 2));
        _operator.Commit(Orders(partitions: 6, replicationFactor: 2, generation: 2));

        var preview = await _operator.Planner.PreviewAsync(Orders(partitions: 6, replicationFactor: 2, generation: 2), CancellationToken.None);
        var step = Assert.Single(preview.Steps);
        Assert.Equal("cluster: scale Zeebe partitions to 6 partitions with replication factor 2 (spec.partitionCount 3 -> 6)", step.ToString());

        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeAsync()).Outcome);

        var scaling = Zeebe.Calls.Where(c => c.Operation == SimulatedZeebeOperation.ScalePartitions).ToList();
        Assert.Equal([true, false], scaling.Select(c => c.DryRun));
        Assert.Equal(new PartitionScaling(6, 2), Zeebe.Inspect("orders")!.Partitions);
        var status = (await _operator.StatusAsync())!;
        Assert.Equal(("scale partitions to 6 partitions with replication factor 2", "COMPLETED", 2L), (status.TopologyChange!.Operation, status.TopologyChange.Status, status.TopologyChange.Generation));
        var audited = _aws.Audit.All.Where(a => a.Action == "zeebe:ScalePartitions").Select(a => a.Phase).ToList();
        Assert.Equal([AuditPhase.Intent, AuditPhase.Succeeded], audited);
        await AssertNoFurtherScalingAsync();
    }

    [Fact]
    public async Task Brokers_and_partitions_changed_together_scale_the_brokers_first_then_the_partitions()
    {
        await ConvergedAsync(Orders());
        var both = Orders(clusterSize: 5, partitions: 6, generation: 2);
        _operator.Commit(both);

        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeAsync()).Outcome);

        var addBrokers = Assert.Single(_aws.Audit.All, a => a.Action == "zeebe:AddBrokers" && a.Phase == AuditPhase.Intent);
        Assert.Equal(
            "ScaleUp; spec.partitionCount 3 -> 6 follows once Zeebe completes this change (brokers first, so the partitions spread over every broker)",
            addBrokers.Reason);
        Assert.Equal("spec.partitionCount 3 -> 6", Assert.Single(_aws.Audit.All, a => a.Action == "zeebe:ScalePartitions" && a.Phase == AuditPhase.Intent).Reason);

        var changes = Zeebe.Calls
            .Where(c => c.Operation is SimulatedZeebeOperation.AddBrokers or SimulatedZeebeOperation.ScalePartitions && c.Outcome == SimulatedZeebeOutcome.Accepted && !c.DryRun)
            .Select(c => c.Operation)
            .ToList();
        Assert.Equal([SimulatedZeebeOperation.AddBrokers, SimulatedZeebeOperation.ScalePartitions], changes);
        Assert.DoesNotContain(Zeebe.Calls, c => c.Outcome == SimulatedZeebeOutcome.ChangeInProgress);
        var topology = Zeebe.Inspect("orders")!;
        Assert.Equal([0, 1, 2, 3, 4], topology.BrokerIds);
        Assert.Equal(new PartitionScaling(6, 3), topology.Partitions);
    }

    [Fact]
    public async Task More_partitions_on_an_8_7_image_are_refused_naming_the_field_and_the_image()
    {
        await ConvergedAsync(Orders(image: "camunda/zeebe:8.7.12"));
        _operator.Commit(Orders(partitions: 6, image: "camunda/zeebe:8.7.12", generation: 2));

        var result = await ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Blocked, result.Outcome);
        var degraded = (await _operator.StatusAsync())!.Find(ConditionTypes.Degraded)!;
        Assert.Equal("TransitionRefused", degraded.Reason);
        Assert.Contains("spec.partitionCount", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("camunda/zeebe:8.7.12", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("8.8", degraded.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Zeebe.Calls, c => c.Operation == SimulatedZeebeOperation.ScalePartitions);
    }

    [Fact]
    public async Task A_higher_replication_factor_on_8_8_is_carried_out()
    {
        await ConvergedAsync(Orders(replicationFactor: 2));
        _operator.Commit(Orders(replicationFactor: 3, generation: 2));

        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeAsync()).Outcome);

        Assert.Single(Requests(SimulatedZeebeOperation.ScalePartitions), c => !c.DryRun);
        Assert.Equal(new PartitionScaling(3, 3), Zeebe.Inspect("orders")!.Partitions);
        Assert.Equal("COMPLETED", (await _operator.StatusAsync())!.TopologyChange!.Status);
        await AssertNoFurtherScalingAsync();
    }

    [Fact]
    public async Task Fewer_partitions_than_zeebe_runs_stay_refused()
    {
        await ConvergedAsync(Orders(replicationFactor: 2));
        _operator.Commit(Orders(partitions: 4, replicationFactor: 2, generation: 2));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeAsync()).Outcome);
        _operator.Commit(Orders(partitions: 3, replicationFactor: 2, generation: 3));

        var result = await ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Blocked, result.Outcome);
        var degraded = (await _operator.StatusAsync())!.Find(ConditionTypes.Degraded)!;
        Assert.Equal("TransitionRefused", degraded.Reason);
        Assert.Contains("spec.partitionCount can only grow: the cluster has 4", degraded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rolling_update_after_partition_scaling_waits_for_the_added_partitions_to_be_healthy()
    {
        await ConvergedAsync(Orders(replicationFactor: 2));
        _operator.Commit(Orders(partitions: 6, replicationFactor: 2, generation: 2));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeAsync()).Outcome);
        Zeebe.SetPartitionHealth("orders", brokerId: 0, partitionId: 6, PartitionHealth.Unhealthy);
        _operator.Commit(Orders(partitions: 6, replicationFactor: 2, image: "camunda/camunda:8.8.4", generation: 3));

        for (var i = 0; i < 20; i++)
        {
            await _operator.ReconcileAsync();
            _time.Advance(Step);
            _aws.Advance();
        }

        Assert.DoesNotContain(_aws.Audit.All, a => a.Generation == 3 && a.Action == "ecs:UpdateService");
        Zeebe.SetPartitionHealth("orders", brokerId: 0, partitionId: 6, health: null);
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeAsync()).Outcome);
        Assert.Equal(3, _aws.Audit.All.Count(a => a.Generation == 3 && a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Succeeded));
    }
}
