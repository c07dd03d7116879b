using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Planning;

/// <summary>What a reconcile would do for a spec right now: observation only, no mutating call.</summary>
public sealed class ClusterPlanner(DesiredStateRenderer renderer, ClusterObserver observer) : IClusterPlanner
{
    public async Task<ClusterPlan> PlanAsync(ZeebeClusterDocument document, CancellationToken cancellationToken)
    {
        var desired = renderer.Render(document);
        var observed = await observer.ObserveAsync(desired, cancellationToken);
        return Planner.Plan(desired, observed).ToClusterPlan();
    }
}
