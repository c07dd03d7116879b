using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// Reads the status store for the clusters <c>run</c> cares about: a fixed list (the ZeebeCluster files of the
/// local specs folder) or, when none is given, every spec the spec store lists.
/// </summary>
internal sealed class ClusterMonitor(IClusterStatusStore statusStore, ISpecStore specStore, IReadOnlyList<string>? clusters)
{
    public async Task<ClusterOverview> ObserveAsync(CancellationToken cancellationToken)
    {
        var names = clusters ?? [.. (await specStore.ListAsync(cancellationToken))
            .Select(spec => SpecKeys.ClusterNameOf(spec.Key))
            .OfType<string>()
            .Order(StringComparer.Ordinal)];
        var statuses = (await statusStore.ListAsync(cancellationToken))
            .ToDictionary(status => status.ClusterName, StringComparer.Ordinal);
        return new ClusterOverview([.. names.Select(name => new ClusterView(name, statuses.GetValueOrDefault(name)))]);
    }
}
