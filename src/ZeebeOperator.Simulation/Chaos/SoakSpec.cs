using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Simulation.Chaos;

/// <summary>
/// The spec a soak cluster is driven through: the user edits the size, the image and the partitions, nothing else.
/// Backups run every two minutes (simulated), three kept.
/// </summary>
/// <param name="ImagePatch">The image is <c>camunda/camunda:8.8.{ImagePatch}</c>; upgrades count up.</param>
/// <param name="PartitionCount">Only grows (Zeebe 8.8+ scales partitions up, never down).</param>
/// <param name="ReplicationFactor">At most the smallest cluster size the soak uses.</param>
public sealed record SoakSpec(string Name, int ClusterSize, int ImagePatch, long Generation, int PartitionCount = 3, int ReplicationFactor = 3)
{
    public const string EcsCluster = "camunda";
    public const string NamespaceId = "ns-abcdef0123456789";
    public const string NamespaceName = "zeebe.internal";
    public const string FileSystemId = "fs-0123456789abcdef0";

    public string Image => $"camunda/camunda:8.8.{ImagePatch}";

    public string ToJson() => SpecSerializer.ToJson(ToDocument());

    public ZeebeClusterDocument ToDocument() => new(
        ZeebeClusterDocument.CurrentApiVersion,
        ZeebeClusterDocument.ResourceKind,
        new ObjectMeta(Name, Generation, new Dictionary<string, string> { ["team"] = "soak" }),
        new ZeebeClusterSpec(
            Image,
            ClusterSize,
            PartitionCount,
            ReplicationFactor,
            new ResourceRequirements(1024, 4096),
            new PlacementSpec(
                EcsCluster,
                ["subnet-0a1b2c3d4e5f60718", "subnet-1a1b2c3d4e5f60718"],
                ["sg-0a1b2c3d4e5f60718"],
                LaunchType.Fargate,
                CapacityProvider: null,
                AssignPublicIp: false,
                "arn:aws:iam::123456789012:role/zeebe-execution",
                TaskRoleArn: null,
                $"/ecs/zeebe/{Name}",
                LogRegion: null),
            new ServiceDiscoverySpec(NamespaceId, NamespaceName),
            new StorageSpec(FileSystemId, $"/zeebe/{Name}", PosixIdentity.Default),
            new Dictionary<string, string>(),
            new Dictionary<string, string>(),
            UpdateStrategySpec.Default,
            ClientAccessSpec.Default,
            Backup: new BackupSpec("0 */2 * * * ?", new BackupRetentionSpec(3, null), new BackupStoreSpec($"{Name}-backups", Name, "us-east-1", null))));
}
