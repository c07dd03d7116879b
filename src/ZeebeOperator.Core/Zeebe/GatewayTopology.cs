using System.Globalization;

namespace ZeebeOperator.Core.Zeebe;

/// <summary>A partition replica's role as the gateway sees it.</summary>
public enum PartitionRole
{
    /// <summary>Missing, or a role this operator does not know.</summary>
    Unknown,
    Leader,
    Follower,
    Inactive,
}

/// <summary>A partition replica's health as the gateway sees it.</summary>
public enum PartitionHealth
{
    /// <summary>Missing, or a health this operator does not know.</summary>
    Unknown,
    Healthy,
    Unhealthy,
    Dead,
}

/// <summary>
/// The embedded gateway's REST topology (<c>GET /v2/topology</c> on port 8080): the brokers the gateway knows, with
/// each partition replica's role and health. Unlike the cluster API it does not go through the coordinator.
/// </summary>
public sealed record GatewayTopology(
    int ClusterSize,
    int PartitionsCount,
    int ReplicationFactor,
    string? GatewayVersion,
    IReadOnlyList<GatewayBroker> Brokers)
{
    /// <summary>
    /// Why partitions 1..<paramref name="partitionCount"/> are not all served with a leader and
    /// <paramref name="replicationFactor"/> healthy replicas; null when they are.
    /// </summary>
    public string? PartitionGap(int partitionCount, int replicationFactor)
    {
        for (var partition = 1; partition <= partitionCount; partition++)
        {
            var replicas = Brokers
                .SelectMany(b => b.Partitions.Where(p => p.PartitionId == partition).Select(p => (b.NodeId, Replica: p)))
                .ToList();
            if (!replicas.Any(r => r.Replica.Role == PartitionRole.Leader))
            {
                return string.Create(CultureInfo.InvariantCulture, $"partition {partition} has no leader");
            }

            var healthy = replicas.Where(r => r.Replica.Health == PartitionHealth.Healthy).Select(r => r.NodeId).Order().ToList();
            if (healthy.Count < replicationFactor)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"partition {partition} has {healthy.Count} of {replicationFactor} replicas healthy ({(healthy.Count == 0 ? "none" : "brokers " + string.Join(",", healthy))})");
            }
        }

        return null;
    }
}

public sealed record GatewayBroker(int NodeId, string Host, int Port, string? Version, IReadOnlyList<PartitionReplica> Partitions);

public sealed record PartitionReplica(int PartitionId, PartitionRole Role, PartitionHealth Health);
