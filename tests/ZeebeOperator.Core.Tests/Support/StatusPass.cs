using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Tests.Support;

/// <summary>One reconcile pass's status, computed from hand-built inputs: what the user reads after that pass.</summary>
internal static class StatusPass
{
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static readonly DesiredStateRenderer Renderer = new("us-east-1");

    public static DesiredCluster Render(ZeebeClusterDocument document) => Renderer.Render(document);

    public static ZeebeClusterDocument Deleting(this ZeebeClusterDocument document) =>
        document with { Metadata = document.Metadata with { DeletionRequested = true } };

    public static ZeebeClusterDocument WithRetention(this ZeebeClusterDocument document, DataRetention retention) =>
        document with { Spec = document.Spec with { Storage = document.Spec.Storage with { Retention = retention } } };

    public static PlanningContext Context(ClusterStatus? previous = null, MaintenanceWindowState? window = null) =>
        new(Now, window ?? MaintenanceWindowState.AlwaysOpen, previous, TimeSpan.FromMinutes(30));

    /// <summary>What the real planner makes of <paramref name="observed"/>.</summary>
    public static Inspection Inspect(DesiredCluster desired, ObservedCluster observed, ClusterStatus? previous = null, MaintenanceWindowState? window = null)
    {
        var context = Context(previous, window);
        return new Inspection(desired, observed, Planner.Plan(desired, observed, context), context);
    }

    public static ClusterStatus StatusAfter(Inspection inspection, ExecutionResult? execution = null, ClusterStatus? previous = null, DateTimeOffset? at = null) =>
        StatusCalculator.FromReconcile(inspection, "etag-1", execution ?? new ExecutionResult([]), previous, at ?? Now);

    public static Condition Ready(this ClusterStatus status) => status.Find(ConditionTypes.Ready)!;

    public static Condition Progressing(this ClusterStatus status) => status.Find(ConditionTypes.Progressing)!;

    public static Condition Degraded(this ClusterStatus status) => status.Find(ConditionTypes.Degraded)!;

    public static NodeStatus Node(this ClusterStatus status, int nodeId) => status.Nodes.Single(n => n.NodeId == nodeId);
}
