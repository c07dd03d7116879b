using System.Collections.Frozen;

namespace ZeebeOperator.Core.Spec;

/// <summary>The broker settings the operator renders itself; a spec may not set them under any name Spring binds.</summary>
public static class OperatorOwnedEnvironment
{
    public static OwnedBrokerSetting NodeId { get; } = new(
        "node ID",
        "camunda.cluster.node-id",
        "zeebe.broker.cluster.node-id",
        // 8.9 moved the fixed node ID under a provider; an S3 provider would hand out node IDs itself.
        ["camunda.cluster.node-id-provider.fixed.node-id", "camunda.cluster.node-id-provider.static.node-id", "camunda.cluster.node-id-provider.type"]);

    public static OwnedBrokerSetting ClusterSize { get; } = new("cluster size", "camunda.cluster.size", "zeebe.broker.cluster.cluster-size", []);

    public static OwnedBrokerSetting PartitionCount { get; } = new("partition count", "camunda.cluster.partition-count", "zeebe.broker.cluster.partitions-count", []);

    public static OwnedBrokerSetting ReplicationFactor { get; } =
        new("replication factor", "camunda.cluster.replication-factor", "zeebe.broker.cluster.replication-factor", []);

    public static OwnedBrokerSetting InitialContactPoints { get; } = new(
        "initial contact points",
        "camunda.cluster.initial-contact-points",
        "zeebe.broker.cluster.initial-contact-points",
        ["zeebe.gateway.cluster.initial-contact-points"]);

    public static OwnedBrokerSetting AdvertisedHost { get; } = new(
        "advertised host",
        "camunda.cluster.network.advertised-host",
        "zeebe.broker.network.advertised-host",
        // The per-API advertised hosts override the general one.
        [
            "zeebe.gateway.cluster.advertised-host",
            "camunda.cluster.network.internal-api.advertised-host",
            "camunda.cluster.network.command-api.advertised-host",
            "zeebe.broker.network.internal-api.advertised-host",
            "zeebe.broker.network.command-api.advertised-host",
        ]);

    public static OwnedBrokerSetting DataDirectory { get; } =
        new("data directory", "camunda.data.primary-storage.directory", "zeebe.broker.data.directory", []);

    /// <summary>Every setting the operator owns: the cluster settings and the backup store (<c>spec.backup.store</c>).</summary>
    public static IReadOnlyList<OwnedBrokerSetting> Settings { get; } =
        [NodeId, ClusterSize, PartitionCount, ReplicationFactor, InitialContactPoints, AdvertisedHost, DataDirectory, .. BackupStoreEnvironment.Settings];

    private static readonly FrozenDictionary<string, OwnedBrokerSetting> ByVariable = Settings
        .SelectMany(setting => setting.BoundVariables.Select(name => KeyValuePair.Create(name, setting)))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every refused variable name, in upper case; lookups ignore case, as Spring's binding does.</summary>
    public static IReadOnlySet<string> Names { get; } = ByVariable.Keys.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsOwned(string name) => ByVariable.ContainsKey(name);

    public static OwnedBrokerSetting? SettingOf(string name) => ByVariable.GetValueOrDefault(name);
}
