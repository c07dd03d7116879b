using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>A valid spec as JSON, changed one field at a time by dotted path: <c>Set("spec.resources.cpu", 512)</c>.</summary>
internal sealed class SpecJson
{
    public const string Valid = """
        {
          "apiVersion": "zeebe.camunda.io/v1alpha1",
          "kind": "ZeebeCluster",
          "metadata": { "name": "orders", "generation": 1, "labels": { "team": "payments" } },
          "spec": {
            "image": "camunda/camunda:8.8.3",
            "clusterSize": 3,
            "partitionCount": 3,
            "replicationFactor": 3,
            "resources": { "cpu": 2048, "memory": 4096 },
            "placement": {
              "ecsCluster": "camunda",
              "subnets": ["subnet-0a1b2c3d4e5f60718"],
              "securityGroups": ["sg-0a1b2c3d4e5f60718"],
              "launchType": "FARGATE",
              "capacityProvider": null,
              "assignPublicIp": false,
              "executionRoleArn": "arn:aws:iam::123456789012:role/zeebe-execution",
              "taskRoleArn": "arn:aws:iam::123456789012:role/zeebe-task",
              "logGroup": "/ecs/zeebe/orders",
              "logRegion": null
            },
            "serviceDiscovery": { "namespaceId": "ns-abcdef0123456789", "namespaceName": "zeebe.internal", "dnsTtlSeconds": 10 },
            "storage": {
              "fileSystemId": "fs-0123456789abcdef0",
              "rootDirectory": "/zeebe/orders",
              "posixUser": { "uid": 1001, "gid": 0 },
              "permissions": "0750",
              "retention": "Retain"
            },
            "env": { "JAVA_TOOL_OPTIONS": "-XX:MaxRAMPercentage=50" },
            "updateStrategy": { "type": "RollingUpdate", "maintenanceWindow": { "schedule": "0 0 2 ? * SUN", "duration": "PT2H" } },
            "environmentNaming": "Auto"
          }
        }
        """;

    private readonly JsonObject root = JsonNode.Parse(Valid)!.AsObject();

    public static SpecJson Create() => new();

    public SpecJson Set(string path, JsonNode? value)
    {
        var (parent, name) = Navigate(path);
        parent[name] = value;
        return this;
    }

    public SpecJson SetRaw(string path, string json) => Set(path, JsonNode.Parse(json));

    public SpecJson Remove(string path)
    {
        var (parent, name) = Navigate(path);
        parent.Remove(name);
        return this;
    }

    public string ToJson() => root.ToJsonString();

    public SpecParseResult Parse() => SpecParser.Parse(ToJson());

    private (JsonObject Parent, string Name) Navigate(string path)
    {
        var names = path.Split('.');
        var parent = root;
        foreach (var name in names[..^1])
        {
            if (parent[name] is not JsonObject child)
            {
                child = [];
                parent[name] = child;
            }

            parent = child;
        }

        return (parent, names[^1]);
    }
}
