using ZeebeOperator.Core.Status;
using ZeebeOperator.Host.Controller;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// What <c>run</c> shows, from memory only: the clusters it cares about — a fixed list (the ZeebeCluster files of the
/// local specs folder) or, when none is given, those of the spec watcher's last listing — with the status the
/// reconciler last held for each. Reading it makes no store call.
/// </summary>
internal sealed class ClusterMonitor(ClusterStatusCache statuses, KnownClusters knownClusters, IReadOnlyList<string>? clusters)
{
    /// <summary>Completes the next time a status changes (take it before <see cref="Observe"/>).</summary>
    public Task Changed => statuses.Changed;

    public ClusterOverview Observe()
    {
        var names = clusters ?? [.. knownClusters.Snapshot().Order(StringComparer.Ordinal)];
        return new ClusterOverview([.. names.Select(name => new ClusterView(name, statuses.Find(name)))]);
    }
}
