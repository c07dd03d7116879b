using System.Globalization;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Desired;

/// <summary>Renders the broker configuration the operator owns, in the naming the image understands.</summary>
public static class BrokerEnvironment
{
    private sealed record Names(
        string NodeId,
        string ClusterSize,
        string PartitionCount,
        string ReplicationFactor,
        string ContactPoints,
        string AdvertisedHost);

    private static readonly Names Unified = new(
        "CAMUNDA_CLUSTER_NODEID",
        "CAMUNDA_CLUSTER_SIZE",
        "CAMUNDA_CLUSTER_PARTITIONCOUNT",
        "CAMUNDA_CLUSTER_REPLICATIONFACTOR",
        "CAMUNDA_CLUSTER_INITIALCONTACTPOINTS",
        "CAMUNDA_CLUSTER_NETWORK_ADVERTISEDHOST");

    private static readonly Names Legacy = new(
        "ZEEBE_BROKER_CLUSTER_NODEID",
        "ZEEBE_BROKER_CLUSTER_CLUSTERSIZE",
        "ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT",
        "ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR",
        "ZEEBE_BROKER_CLUSTER_INITIALCONTACTPOINTS",
        "ZEEBE_BROKER_NETWORK_ADVERTISEDHOST");

    public const string DataDirectory = "ZEEBE_BROKER_DATA_DIRECTORY";

    /// <summary>The container environment of node <paramref name="nodeId"/>: user variables, then the operator's, sorted by name.</summary>
    public static IReadOnlyList<KeyValuePairEntry> Render(ZeebeClusterDocument document, int nodeId, BootstrapConfig bootstrap)
    {
        var spec = document.Spec;
        var names = EnvironmentNamingResolver.Resolve(spec) == EnvironmentNaming.Legacy ? Legacy : Unified;
        var contactPoints = string.Join(
            ',',
            Enumerable.Range(0, bootstrap.ClusterSize).Select(n =>
                string.Create(CultureInfo.InvariantCulture, $"{ResourceNames.DnsName(document.Name, n, bootstrap.NamespaceName)}:{BrokerPorts.Internal}")));

        var owned = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [names.NodeId] = nodeId.ToString(CultureInfo.InvariantCulture),
            [names.ClusterSize] = bootstrap.ClusterSize.ToString(CultureInfo.InvariantCulture),
            [names.PartitionCount] = bootstrap.PartitionCount.ToString(CultureInfo.InvariantCulture),
            [names.ReplicationFactor] = bootstrap.ReplicationFactor.ToString(CultureInfo.InvariantCulture),
            [names.ContactPoints] = contactPoints,
            [names.AdvertisedHost] = ResourceNames.DnsName(document.Name, nodeId, bootstrap.NamespaceName),
            [DataDirectory] = ResourceNames.DataMountPath,
        };

        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in spec.Env)
        {
            merged[name] = value;
        }

        foreach (var (name, value) in owned)
        {
            merged[name] = value;
        }

        return [.. merged.Select(e => new KeyValuePairEntry(e.Key, e.Value))];
    }
}
