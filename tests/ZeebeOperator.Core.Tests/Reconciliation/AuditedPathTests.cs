using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>The executor's one audited path is for mutations only: a read put through it is a bug, stopped at once.</summary>
public sealed class AuditedPathTests : IDisposable
{
    private readonly ScenarioHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_step_that_audits_an_operation_that_does_not_mutate_is_refused_before_any_intent_or_call()
    {
        var document = TestSpecs.Orders(clusterSize: 1);
        var services = _harness.Operator.Services;
        var inspection = await services.GetRequiredService<ClusterInspector>().InspectAsync(document, null, CancellationToken.None);
        var probe = new AuditedRead(0);
        var plan = inspection.Plan with
        {
            Nodes = [new NodePlan(0, new NodeContext(null, null, null, null), [probe], null)],
            Teardown = [],
            Membership = null,
            Backup = null,
        };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<PlanExecutor>().ExecuteAsync(plan, CancellationToken.None));

        Assert.Contains(PruneTaskDefinitionsAction.Catalogue.Operation.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Empty(_harness.Aws.Audit.All);
        Assert.False(probe.Called);
    }

    /// <summary>A step that (wrongly) puts a read, the listing of task definitions, through the audited path.</summary>
    private sealed record AuditedRead(int NodeId) : NodeAction(NodeId, ChangeReason.Missing)
    {
        public bool Called { get; private set; }

        public override ActionKind Entry => PruneTaskDefinitionsAction.Catalogue;

        public override string AuditResource => "orders-broker-0";

        public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
            context.AuditedAsync(this, _ =>
            {
                Called = true;
                return Task.FromResult(node);
            });
    }
}
