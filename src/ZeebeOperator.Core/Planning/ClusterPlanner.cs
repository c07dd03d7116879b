using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Planning;

/// <summary>What a reconcile would do for a spec right now: observation only, no mutating call.</summary>
public sealed class ClusterPlanner(ClusterAssessor assessor, IClusterStatusStore statuses) : IClusterPlanner
{
    public async Task<ClusterPlan> PlanAsync(ZeebeClusterDocument document, CancellationToken cancellationToken)
    {
        var previous = await statuses.GetAsync(document.Name, cancellationToken);
        var assessment = await assessor.AssessAsync(document, previous, cancellationToken);
        return assessment.Plan.ToClusterPlan();
    }
}
