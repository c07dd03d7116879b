using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Reconciliation;

/// <summary>Computes the plan for a spec against what exists now, making read calls only.</summary>
public interface IPlanPreviewer
{
    Task<PlanPreview> PreviewAsync(ZeebeClusterDocument document, CancellationToken cancellationToken);
}

/// <summary>What a reconcile would do for a spec right now: observation only, no mutating call.</summary>
public sealed class PlanPreviewer(ClusterInspector inspector, IClusterStatusStore statuses) : IPlanPreviewer
{
    public async Task<PlanPreview> PreviewAsync(ZeebeClusterDocument document, CancellationToken cancellationToken)
    {
        var previous = await statuses.GetAsync(document.Name, cancellationToken);
        var inspection = await inspector.InspectAsync(document, previous, cancellationToken);
        return inspection.Plan.ToPreview();
    }
}
