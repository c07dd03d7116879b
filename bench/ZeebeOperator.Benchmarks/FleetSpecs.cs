using System.Globalization;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// Specs of the benchmark's clusters. Every cluster has its own EFS file system and Cloud Map namespace (listings
/// are per file system and per namespace, so shared ones would add pages); all share one ECS cluster.
/// </summary>
internal static class FleetSpecs
{
    public const string EcsCluster = "camunda";

    public static string Name(int index) => string.Create(CultureInfo.InvariantCulture, $"c{index:D4}");

    public static string Json(int index, int clusterSize) => SpecSerializer.ToJson(Document(index, clusterSize));

    public static ZeebeClusterDocument Document(int index, int clusterSize) => new(
        ZeebeClusterDocument.CurrentApiVersion,
        ZeebeClusterDocument.ResourceKind,
        new ObjectMeta(Name(index), 1, new Dictionary<string, string> { ["team"] = "bench" }),
        new ZeebeClusterSpec(
            "camunda/camunda:8.8.3",
            clusterSize,
            PartitionCount: 3,
            ReplicationFactor: Math.Min(3, clusterSize),
            new ResourceRequirements(1024, 4096),
            new PlacementSpec(
                EcsCluster,
                ["subnet-0a1b2c3d4e5f60718"],
                ["sg-0a1b2c3d4e5f60718"],
                LaunchType.Fargate,
                CapacityProvider: null,
                AssignPublicIp: false,
                "arn:aws:iam::123456789012:role/zeebe-execution",
                TaskRoleArn: null,
                "/ecs/zeebe/bench",
                LogRegion: null),
            new ServiceDiscoverySpec(string.Create(CultureInfo.InvariantCulture, $"ns-{index:x16}"), $"{Name(index)}.internal"),
            new StorageSpec(string.Create(CultureInfo.InvariantCulture, $"fs-{index:x17}"), $"/zeebe/{Name(index)}", PosixIdentity.Default),
            new Dictionary<string, string>(),
            new Dictionary<string, string>(),
            UpdateStrategySpec.Default,
            ClientAccessSpec.Default));
}
