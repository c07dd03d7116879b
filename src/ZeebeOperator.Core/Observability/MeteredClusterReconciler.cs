using ZeebeOperator.Core.Reconciliation;

namespace ZeebeOperator.Core.Observability;

/// <summary>Counts and times every reconcile by its result; one that threw counts as <c>error</c> (or <c>cancelled</c>).</summary>
internal sealed class MeteredClusterReconciler(IClusterReconciler inner, OperatorMetrics metrics, TimeProvider time) : IClusterReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(string clusterName, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var result = await inner.ReconcileAsync(clusterName, cancellationToken).ConfigureAwait(false);
            metrics.RecordReconcile(clusterName, MetricOutcomes.Of(result.Outcome), time.GetElapsedTime(started));
            return result;
        }
        catch (Exception e)
        {
            metrics.RecordReconcile(clusterName, e is OperationCanceledException ? MetricOutcomes.Cancelled : MetricOutcomes.Error, time.GetElapsedTime(started));
            throw;
        }
    }
}
