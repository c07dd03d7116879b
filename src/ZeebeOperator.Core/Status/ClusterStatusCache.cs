using System.Collections.Concurrent;

namespace ZeebeOperator.Core.Status;

/// <summary>
/// The latest status of each cluster this process knows, in memory: the one the reconciler read at the start of its
/// last pass, then the one it computed. What <c>run</c> draws and waits on, so showing it costs no store read. Only the
/// instance that reconciles (the leader) fills it; a standby knows no status.
/// </summary>
public sealed class ClusterStatusCache
{
    private readonly ConcurrentDictionary<string, ClusterStatus> statuses = new(StringComparer.Ordinal);
    private TaskCompletionSource changed = NewSignal();

    /// <summary>Completes the next time a cluster's status changes; take it before reading, so no change is missed.</summary>
    public Task Changed => Volatile.Read(ref changed).Task;

    public ClusterStatus? Find(string clusterName) => statuses.GetValueOrDefault(clusterName);

    /// <summary>Remembers <paramref name="status"/> as its cluster's latest; signals <see cref="Changed"/> unless it changes nothing a user could see.</summary>
    public void Record(ClusterStatus status)
    {
        var previous = statuses.GetValueOrDefault(status.ClusterName);
        statuses[status.ClusterName] = status;
        if (previous is null || !previous.SameAs(status))
        {
            Interlocked.Exchange(ref changed, NewSignal()).TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
