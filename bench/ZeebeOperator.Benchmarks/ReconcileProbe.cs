using System.Collections.Concurrent;
using ZeebeOperator.Core.Reconciliation;

namespace ZeebeOperator.Benchmarks;

/// <summary>Wraps the operator's reconciler to count finished reconciles and their outcomes.</summary>
internal sealed class ReconcileProbe
{
    private readonly ConcurrentDictionary<string, ReconcileOutcome> _last = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _completed;
    private long _failed;
    private long _throws;

    public Task FirstCompleted => _first.Task;

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public long Threw => Interlocked.Read(ref _throws);

    public int ClustersSeen => _last.Count;

    public int ConvergedClusters => _last.Values.Count(o => o == ReconcileOutcome.Converged);

    public void Reset()
    {
        _last.Clear();
        Interlocked.Exchange(ref _completed, 0);
        Interlocked.Exchange(ref _failed, 0);
        Interlocked.Exchange(ref _throws, 0);
    }

    public IClusterReconciler Wrap(IClusterReconciler inner) => new Probed(inner, this);

    private void Record(string clusterName, ReconcileOutcome? outcome)
    {
        if (outcome is { } known)
        {
            _last[clusterName] = known;
            if (known == ReconcileOutcome.Failed)
            {
                Interlocked.Increment(ref _failed);
            }
        }
        else
        {
            Interlocked.Increment(ref _throws);
        }

        Interlocked.Increment(ref _completed);
        _first.TrySetResult();
    }

    private sealed class Probed(IClusterReconciler inner, ReconcileProbe probe) : IClusterReconciler
    {
        public async Task<ReconcileResult> ReconcileAsync(string clusterName, CancellationToken cancellationToken)
        {
            try
            {
                var result = await inner.ReconcileAsync(clusterName, cancellationToken);
                probe.Record(clusterName, result.Outcome);
                return result;
            }
            catch
            {
                probe.Record(clusterName, null);
                throw;
            }
        }
    }
}
