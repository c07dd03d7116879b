using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Host.Tests.Support;

/// <summary>Documents, parser results and statuses for tests (the real parser is not on this branch).</summary>
internal static class Specs
{
    public const string ClusterJson = """{ "apiVersion": "zeebe.camunda.io/v1alpha1", "kind": "ZeebeCluster", "metadata": { "name": "orders" } }""";
    public const string BadJson = """{ "kind": "ZeebeCluster", "bad": true }""";

    public static ZeebeClusterDocument Document(string name = "orders", long generation = 3) => new(
        ZeebeClusterDocument.CurrentApiVersion,
        ZeebeClusterDocument.ResourceKind,
        new ObjectMeta(name, generation, new Dictionary<string, string>()),
        new ZeebeClusterSpec(
            "camunda/zeebe:8.8.0",
            3,
            3,
            3,
            new ResourceRequirements(2048, 4096),
            new PlacementSpec("zeebe", ["subnet-1"], ["sg-1"], LaunchType.Fargate, null, false, "arn:aws:iam::1:role/exec", null, "/zeebe", null),
            new ServiceDiscoverySpec("ns-1", "zeebe.internal"),
            new StorageSpec("fs-1", "/zeebe/orders", new PosixIdentity(1001, 0)),
            new Dictionary<string, string>(),
            new Dictionary<string, string>(),
            UpdateStrategySpec.Default,
            ClientAccessSpec.Default));

    /// <summary>A fake parser: JSON containing <c>"bad"</c> has two errors, anything else is valid.</summary>
    public static SpecParseResult FakeParse(string json) =>
        json.Contains("\"bad\"", StringComparison.Ordinal)
            ? SpecParseResult.Invalid([new SpecError("spec.clusterSize", "must be at least 1"), new SpecError("spec.image", "is required")])
            : SpecParseResult.Valid(Document());

    public static ClusterStatus Status(string cluster, bool ready, int nodes = 3) => new(
        cluster,
        3,
        "etag-1",
        [
            new Condition(ConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False, ready ? "AllNodesReady" : "NodesStarting", "", DateTimeOffset.UnixEpoch),
            new Condition(ConditionTypes.Progressing, ready ? ConditionStatus.False : ConditionStatus.True, ready ? "Converged" : "CreatingServices", "", DateTimeOffset.UnixEpoch),
            new Condition(ConditionTypes.Degraded, ConditionStatus.False, "AsExpected", "", DateTimeOffset.UnixEpoch),
        ],
        [.. Enumerable.Range(0, nodes).Select(n => new NodeStatus(
            n,
            $"{cluster}-broker-{n}.zeebe.internal",
            $"{cluster}-broker-{n}",
            "ACTIVE",
            $"arn:aws:ecs:eu-west-1:1:task-definition/{cluster}-broker-{n}:1",
            ready ? $"arn:aws:ecs:eu-west-1:1:task/t-{n}" : null,
            ready ? "RUNNING" : "PENDING",
            $"fsap-{n:000}",
            $"srv-{n}",
            ready))],
        DateTimeOffset.UnixEpoch);
}
