using System.Text.Json;
using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Support;

/// <summary>Writes a spec record as the JSON a user commits, so reconcile tests go through the real parser.</summary>
internal static class SpecJson
{
    public static string Of(ZeebeClusterDocument document)
    {
        var spec = document.Spec;
        var placement = spec.Placement;
        var json = new JsonObject
        {
            ["apiVersion"] = document.ApiVersion,
            ["kind"] = document.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = document.Metadata.Name,
                ["generation"] = document.Metadata.Generation,
                ["labels"] = Map(document.Metadata.Labels),
                ["deletionRequested"] = document.Metadata.DeletionRequested,
            },
            ["spec"] = new JsonObject
            {
                ["image"] = spec.Image,
                ["clusterSize"] = spec.ClusterSize,
                ["partitionCount"] = spec.PartitionCount,
                ["replicationFactor"] = spec.ReplicationFactor,
                ["resources"] = new JsonObject { ["cpu"] = spec.Resources.Cpu, ["memory"] = spec.Resources.Memory },
                ["placement"] = new JsonObject
                {
                    ["ecsCluster"] = placement.EcsCluster,
                    ["subnets"] = new JsonArray([.. placement.Subnets.Select(s => JsonValue.Create(s))]),
                    ["securityGroups"] = new JsonArray([.. placement.SecurityGroups.Select(s => JsonValue.Create(s))]),
                    ["launchType"] = placement.LaunchType == LaunchType.Fargate ? "FARGATE" : "EC2",
                    ["assignPublicIp"] = placement.AssignPublicIp,
                    ["executionRoleArn"] = placement.ExecutionRoleArn,
                    ["taskRoleArn"] = placement.TaskRoleArn,
                    ["logGroup"] = placement.LogGroup,
                },
                ["serviceDiscovery"] = new JsonObject
                {
                    ["namespaceId"] = spec.ServiceDiscovery.NamespaceId,
                    ["namespaceName"] = spec.ServiceDiscovery.NamespaceName,
                    ["dnsTtlSeconds"] = spec.ServiceDiscovery.DnsTtlSeconds,
                },
                ["storage"] = new JsonObject
                {
                    ["fileSystemId"] = spec.Storage.FileSystemId,
                    ["rootDirectory"] = spec.Storage.RootDirectory,
                    ["posixUser"] = new JsonObject { ["uid"] = spec.Storage.PosixUser.Uid, ["gid"] = spec.Storage.PosixUser.Gid },
                    ["permissions"] = spec.Storage.Permissions,
                    ["retention"] = spec.Storage.Retention.ToString(),
                },
                ["env"] = Map(spec.Env),
                ["updateStrategy"] = spec.UpdateStrategy.MaintenanceWindow is { } window
                    ? new JsonObject
                    {
                        ["type"] = "RollingUpdate",
                        ["maintenanceWindow"] = new JsonObject { ["schedule"] = window.Schedule, ["duration"] = System.Xml.XmlConvert.ToString(window.Duration) },
                    }
                    : new JsonObject { ["type"] = "RollingUpdate" },
            },
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> values) =>
        new(values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
}
