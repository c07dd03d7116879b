using System.Globalization;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Desired;

/// <summary>Renders the broker configuration the operator owns, in the naming the image understands.</summary>
public static class BrokerEnvironment
{
    /// <summary>The container environment of node <paramref name="nodeId"/>: user variables, then the operator's, sorted by name.</summary>
    public static IReadOnlyList<KeyValuePairEntry> Render(ZeebeClusterDocument document, int nodeId, BootstrapConfig bootstrap)
    {
        var spec = document.Spec;
        var naming = EnvironmentNamingResolver.Resolve(spec);
        var contactPoints = string.Join(
            ',',
            Enumerable.Range(0, bootstrap.ClusterSize).Select(n =>
                string.Create(CultureInfo.InvariantCulture, $"{ResourceNames.DnsName(document.Name, n, bootstrap.NamespaceName)}:{BrokerPorts.Internal}")));

        var owned = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OperatorOwnedEnvironment.NodeId.VariableFor(naming)] = nodeId.ToString(CultureInfo.InvariantCulture),
            [OperatorOwnedEnvironment.ClusterSize.VariableFor(naming)] = bootstrap.ClusterSize.ToString(CultureInfo.InvariantCulture),
            [OperatorOwnedEnvironment.PartitionCount.VariableFor(naming)] = bootstrap.PartitionCount.ToString(CultureInfo.InvariantCulture),
            [OperatorOwnedEnvironment.ReplicationFactor.VariableFor(naming)] = bootstrap.ReplicationFactor.ToString(CultureInfo.InvariantCulture),
            [OperatorOwnedEnvironment.InitialContactPoints.VariableFor(naming)] = contactPoints,
            [OperatorOwnedEnvironment.AdvertisedHost.VariableFor(naming)] = ResourceNames.DnsName(document.Name, nodeId, bootstrap.NamespaceName),
            [OperatorOwnedEnvironment.DataDirectory.VariableFor(naming)] = ResourceNames.DataMountPath,
            // 8.8 and 8.9 still read the legacy name (the unified one wins when both are set): both point to EFS.
            [OperatorOwnedEnvironment.DataDirectory.LegacyVariable] = ResourceNames.DataMountPath,
        };

        if (spec.Backup is { } backup)
        {
            foreach (var (name, value) in BackupStoreEnvironment.Render(backup.Store, naming))
            {
                owned[name] = value;
            }
        }

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
