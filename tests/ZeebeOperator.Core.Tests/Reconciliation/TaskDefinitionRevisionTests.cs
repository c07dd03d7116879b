using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>
/// Task definition revisions over a cluster's life: the ones in use carry the spec's tags, the ones no node uses
/// are deregistered after an update (the newest few stay for rollback), and a deleted cluster leaves none active.
/// </summary>
public sealed class TaskDefinitionRevisionTests : IDisposable
{
    private const string EcsCluster = "camunda";
    private static readonly string[] AwsServices = ["ecs", "servicediscovery", "elasticfilesystem"];

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;

    private OperatorHarness _operator;

    public TaskDefinitionRevisionTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions());
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2));
    }

    public void Dispose() => _operator.Dispose();

    private static string Family(int nodeId) => $"orders-broker-{nodeId}";

    private static string Revision(int nodeId, int revision) => $"arn:aws:ecs:us-east-1:000000000000:task-definition/{Family(nodeId)}:{revision}";

    private Task<IReadOnlyList<string>> ActiveRevisionsAsync(int nodeId) => _aws.Ecs.ListTaskDefinitionsAsync(Family(nodeId), CancellationToken.None);

    /// <summary>Converges generation 1 on 8.8.3, then one upgrade per further generation (8.8.4, 8.8.5, ...).</summary>
    private async Task ConvergeThroughUpgradesAsync(int generations)
    {
        for (var generation = 1; generation <= generations; generation++)
        {
            _operator.Commit(TestSpecs.Orders(generation: generation, image: $"camunda/camunda:8.8.{2 + generation}"));
            Assert.Equal(ReconcileOutcome.Converged, (await _operator.ConvergeAsync()).Outcome);
        }
    }

    [Fact]
    public async Task Revisions_no_node_uses_are_deregistered_after_an_update_and_the_newest_three_stay_for_rollback()
    {
        await ConvergeThroughUpgradesAsync(generations: 5);

        foreach (var nodeId in new[] { 0, 1, 2 })
        {
            Assert.Equal([Revision(nodeId, 3), Revision(nodeId, 4), Revision(nodeId, 5)], await ActiveRevisionsAsync(nodeId));
            Assert.Equal("INACTIVE", (await _aws.Ecs.DescribeTaskDefinitionAsync(Revision(nodeId, 1), CancellationToken.None)).Status);
            Assert.Equal(Revision(nodeId, 5), _aws.Ecs.ListServices(EcsCluster).Single(s => s.ServiceName == Family(nodeId)).TaskDefinition);

            var audited = _aws.Audit.All.Where(a => a.Action == "ecs:DeregisterTaskDefinition" && a.NodeId == nodeId).ToList();
            Assert.Equal([Revision(nodeId, 1), Revision(nodeId, 2)], audited.Where(a => a.Phase == AuditPhase.Succeeded).Select(a => a.Resource).Order(StringComparer.Ordinal));
            Assert.All(audited.GroupBy(a => a.OperationId), op => Assert.Equal([AuditPhase.Intent, AuditPhase.Succeeded], op.Select(a => a.Phase)));
        }

        Assert.Equal(6, _aws.Calls.Count("ecs:DeregisterTaskDefinition"));
        var mark = _aws.Calls.Mark();
        Assert.Equal(ReconcileOutcome.Converged, (await _operator.ReconcileAsync()).Outcome);
        Assert.DoesNotContain(_aws.Calls.Since(mark), c => c.Mutating && AwsServices.Contains(c.Service));
        Assert.DoesNotContain(_aws.Calls.Since(mark), c => c.Matches("ListTaskDefinitions"));
    }

    [Fact]
    public async Task The_number_of_revisions_kept_is_configurable_and_a_revision_still_in_use_is_never_deregistered()
    {
        _operator.Dispose();
        _operator = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2), new Dictionary<string, string?> { ["Operator:TaskDefinitionRevisionsToKeep"] = "1" });

        await ConvergeThroughUpgradesAsync(generations: 3);

        // When revision 3 replaced revision 2, the broker still ran revision 2: it stays until the next update.
        Assert.Equal([Revision(0, 2), Revision(0, 3)], await ActiveRevisionsAsync(0));
    }

    [Fact]
    public async Task A_deleted_clusters_revisions_are_deregistered_but_not_one_someone_else_registered_in_its_family()
    {
        await ConvergeThroughUpgradesAsync(generations: 2);
        var foreign = await _aws.Ecs.RegisterTaskDefinitionAsync(
            new DesiredStateRenderer("us-east-1").Render(TestSpecs.Orders()).Nodes[0].TaskDefinition.For("fsap-00000000000000000") with
            {
                Tags = new Dictionary<string, string> { ["team"] = "someone-else" },
            },
            CancellationToken.None);
        var document = TestSpecs.Orders(generation: 3, image: "camunda/camunda:8.8.4");

        _operator.Commit(document with { Metadata = document.Metadata with { DeletionRequested = true } });
        Assert.Equal(ReconcileOutcome.Converged, (await _operator.ConvergeAsync()).Outcome);

        Assert.Equal([foreign.Arn], await ActiveRevisionsAsync(0));
        Assert.Empty(await ActiveRevisionsAsync(1));
        Assert.Empty(await ActiveRevisionsAsync(2));
        Assert.All(
            _aws.Audit.All.Where(a => a.Action == "ecs:DeregisterTaskDefinition" && a.Generation == 3),
            a => Assert.Equal("DeletionRequested", a.Reason));
    }

    [Fact]
    public async Task A_label_added_to_a_running_cluster_reaches_the_revisions_in_use_without_a_new_revision()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var registered = _aws.Calls.Count("ecs:RegisterTaskDefinition");

        _operator.Commit(TestSpecs.Orders(generation: 2, labels: new Dictionary<string, string> { ["team"] = "payments", ["cost-center"] = "42" }));
        Assert.Equal(ReconcileOutcome.Converged, (await _operator.ConvergeAsync()).Outcome);

        Assert.Equal(registered, _aws.Calls.Count("ecs:RegisterTaskDefinition"));
        foreach (var service in _aws.Ecs.ListServices(EcsCluster))
        {
            var inUse = await _aws.Ecs.DescribeTaskDefinitionAsync(service.TaskDefinition, CancellationToken.None);
            Assert.Equal("42", inUse.Definition.Tags.GetValueOrDefault("cost-center"));
        }

        var mark = _aws.Calls.Mark();
        Assert.Equal(ReconcileOutcome.Converged, (await _operator.ReconcileAsync()).Outcome);
        Assert.DoesNotContain(_aws.Calls.Since(mark), c => c.Mutating && AwsServices.Contains(c.Service));
    }
}
