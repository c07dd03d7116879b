using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZeebeOperator.Simulation.Chaos;

/// <summary>The spec a soak cluster is driven through: the user edits the size and the image, nothing else.</summary>
/// <param name="ImagePatch">The image is <c>camunda/camunda:8.8.{ImagePatch}</c>; upgrades count up.</param>
public sealed record SoakSpec(string Name, int ClusterSize, int ImagePatch, long Generation)
{
    public const string EcsCluster = "camunda";
    public const string NamespaceId = "ns-abcdef0123456789";
    public const string NamespaceName = "zeebe.internal";
    public const string FileSystemId = "fs-0123456789abcdef0";

    public string Image => $"camunda/camunda:8.8.{ImagePatch}";

    public string ToJson() => new JsonObject
    {
        ["apiVersion"] = "zeebe.camunda.io/v1alpha1",
        ["kind"] = "ZeebeCluster",
        ["metadata"] = new JsonObject
        {
            ["name"] = Name,
            ["generation"] = Generation,
            ["labels"] = new JsonObject { ["team"] = "soak" },
        },
        ["spec"] = new JsonObject
        {
            ["image"] = Image,
            ["clusterSize"] = ClusterSize,
            ["partitionCount"] = 3,
            ["replicationFactor"] = 3,
            ["resources"] = new JsonObject { ["cpu"] = 1024, ["memory"] = 4096 },
            ["placement"] = new JsonObject
            {
                ["ecsCluster"] = EcsCluster,
                ["subnets"] = new JsonArray("subnet-0a1b2c3d4e5f60718", "subnet-1a1b2c3d4e5f60718"),
                ["securityGroups"] = new JsonArray("sg-0a1b2c3d4e5f60718"),
                ["executionRoleArn"] = "arn:aws:iam::123456789012:role/zeebe-execution",
                ["logGroup"] = $"/ecs/zeebe/{Name}",
            },
            ["serviceDiscovery"] = new JsonObject { ["namespaceId"] = NamespaceId, ["namespaceName"] = NamespaceName },
            ["storage"] = new JsonObject { ["fileSystemId"] = FileSystemId, ["rootDirectory"] = $"/zeebe/{Name}" },
        },
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
