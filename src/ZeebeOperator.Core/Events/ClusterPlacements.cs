using System.Collections.Concurrent;

namespace ZeebeOperator.Core.Events;

/// <summary>
/// The ECS cluster each cluster's spec places it in, as the reconciler last read it, so that an ECS event can be
/// matched against the ECS cluster as well as the service name. A cluster not reconciled yet matches any ECS cluster:
/// events are hints, and one reconcile too many is their worst case.
/// </summary>
public sealed class ClusterPlacements
{
    private readonly ConcurrentDictionary<string, string> ecsClusters = new(StringComparer.Ordinal);

    public void Record(string clusterName, string ecsCluster) => ecsClusters[clusterName] = ecsCluster;

    /// <summary>Whether an event from <paramref name="ecsCluster"/> (an ARN or a name; null when unknown) can concern <paramref name="clusterName"/>.</summary>
    public bool Matches(string clusterName, string? ecsCluster) =>
        ecsCluster is null
        || !ecsClusters.TryGetValue(clusterName, out var placed)
        || string.Equals(NameOf(placed), NameOf(ecsCluster), StringComparison.Ordinal);

    /// <summary>
    /// The cluster name of an ECS cluster ARN (<c>arn:aws:ecs:…:cluster/name</c>), or the name itself: a cluster name
    /// has no <c>/</c>, and the name is all of an ARN after its only one.
    /// </summary>
    private static string NameOf(string ecsCluster) => ecsCluster[(ecsCluster.LastIndexOf('/') + 1)..];
}
