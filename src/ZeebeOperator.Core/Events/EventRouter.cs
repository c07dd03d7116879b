using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Events;

/// <summary>
/// Which clusters a message concerns: an ECS event the clusters whose broker services (<c>{cluster}-broker-{n}</c>)
/// it names, in the ECS cluster their spec places them in, and only clusters that have a spec (an event for anything
/// else changes nothing); an S3 event the cluster of each spec object under the spec prefix: a written spec whether or
/// not the cluster is known yet (a new spec is what the event announces), a deleted one only for a known cluster (the
/// reconciler then reports the missing spec, as after a listing; a spec that never existed gets no status).
/// </summary>
public sealed class EventRouter(ClusterPlacements placements)
{
    /// <param name="specPrefix">The spec objects' key prefix (<c>clusters/</c>), empty for none.</param>
    /// <param name="knownClusters">The clusters that have a spec, as the last listing of the spec store showed.</param>
    public IReadOnlyList<string> ClustersOf(EventReading reading, string specPrefix, IReadOnlyCollection<string> knownClusters)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(specPrefix);
        ArgumentNullException.ThrowIfNull(knownClusters);
        if (reading.Outcome != EventOutcome.Understood)
        {
            return [];
        }

        var clusters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var service in reading.Services)
        {
            if (ResourceNames.ClusterOfBroker(service.ServiceName) is { } cluster
                && knownClusters.Contains(cluster)
                && placements.Matches(cluster, service.EcsCluster))
            {
                clusters.Add(cluster);
            }
        }

        foreach (var key in reading.ObjectKeys)
        {
            if (key.StartsWith(specPrefix, StringComparison.Ordinal)
                && SpecKeys.ClusterNameOf(key[specPrefix.Length..]) is { } cluster
                && (!reading.Removal || knownClusters.Contains(cluster)))
            {
                clusters.Add(cluster);
            }
        }

        return [.. clusters];
    }
}
