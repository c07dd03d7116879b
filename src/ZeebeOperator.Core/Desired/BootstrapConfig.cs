using System.Globalization;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Desired;

/// <summary>
/// The cluster settings Zeebe reads only when a cluster first forms (size, partitions, replication, and the
/// contact points derived from them). Afterwards Zeebe keeps its topology itself and changes it through the
/// cluster API, so brokers keep the values the cluster was bootstrapped with: a scale never restarts a broker.
/// </summary>
public sealed record BootstrapConfig(int ClusterSize, int PartitionCount, int ReplicationFactor, string NamespaceName)
{
    public static BootstrapConfig FromSpec(ZeebeClusterSpec spec) =>
        new(spec.ClusterSize, spec.PartitionCount, spec.ReplicationFactor, spec.ServiceDiscovery.NamespaceName);

    /// <summary>Reads the settings back from a running broker's task definition, in either naming style.</summary>
    public static BootstrapConfig? FromEnvironment(IReadOnlyList<KeyValuePairEntry> environment)
    {
        var env = environment.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        int? Read(params string[] names) =>
            names.Select(n => env.GetValueOrDefault(n)).FirstOrDefault(v => v is not null) is { } value
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : null;

        var size = Read("CAMUNDA_CLUSTER_SIZE", "ZEEBE_BROKER_CLUSTER_CLUSTERSIZE");
        var partitions = Read("CAMUNDA_CLUSTER_PARTITIONCOUNT", "ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT");
        var replication = Read("CAMUNDA_CLUSTER_REPLICATIONFACTOR", "ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR");
        var host = env.GetValueOrDefault("CAMUNDA_CLUSTER_NETWORK_ADVERTISEDHOST") ?? env.GetValueOrDefault("ZEEBE_BROKER_NETWORK_ADVERTISEDHOST");
        var dot = host?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return size is { } s && partitions is { } p && replication is { } r && dot > 0
            ? new BootstrapConfig(s, p, r, host![(dot + 1)..])
            : null;
    }
}
