using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Support;

/// <summary>Valid specs built in code, for tests that are not about parsing.</summary>
internal static class TestSpecs
{
    public static ZeebeClusterDocument Orders(
        int clusterSize = 3,
        string image = "camunda/camunda:8.8.3",
        long generation = 1,
        IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyDictionary<string, string>? labels = null,
        int cpu = 2048,
        int memory = 4096,
        string name = "orders",
        IReadOnlyDictionary<string, string>? secrets = null,
        ClientAccessSpec? clientAccess = null) =>
        new(
            ZeebeClusterDocument.CurrentApiVersion,
            ZeebeClusterDocument.ResourceKind,
            new ObjectMeta(name, generation, labels ?? new Dictionary<string, string> { ["team"] = "payments" }),
            new ZeebeClusterSpec(
                image,
                clusterSize,
                PartitionCount: 3,
                ReplicationFactor: Math.Min(3, clusterSize),
                new ResourceRequirements(cpu, memory),
                new PlacementSpec(
                    "camunda",
                    ["subnet-0a1b2c3d4e5f60718", "subnet-1a1b2c3d4e5f60718"],
                    ["sg-0a1b2c3d4e5f60718"],
                    LaunchType.Fargate,
                    CapacityProvider: null,
                    AssignPublicIp: false,
                    "arn:aws:iam::123456789012:role/zeebe-execution",
                    "arn:aws:iam::123456789012:role/zeebe-task",
                    "/ecs/zeebe/orders",
                    LogRegion: null),
                new ServiceDiscoverySpec("ns-abcdef0123456789", "zeebe.internal"),
                new StorageSpec("fs-0123456789abcdef0", "/zeebe/orders", new PosixIdentity(1001, 0)),
                env ?? new Dictionary<string, string> { ["JAVA_TOOL_OPTIONS"] = "-XX:MaxRAMPercentage=50" },
                secrets ?? new Dictionary<string, string>(),
                UpdateStrategySpec.Default,
                clientAccess ?? ClientAccessSpec.Default));
}
