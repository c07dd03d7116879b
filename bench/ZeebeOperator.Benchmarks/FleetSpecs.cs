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

    public static string Json(int index, int clusterSize) => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "apiVersion": "zeebe.camunda.io/v1alpha1",
          "kind": "ZeebeCluster",
          "metadata": { "name": "{{Name(index)}}", "generation": 1, "labels": { "team": "bench" } },
          "spec": {
            "image": "camunda/camunda:8.8.3",
            "clusterSize": {{clusterSize}},
            "partitionCount": 3,
            "replicationFactor": {{Math.Min(3, clusterSize)}},
            "resources": { "cpu": 1024, "memory": 4096 },
            "placement": {
              "ecsCluster": "{{EcsCluster}}",
              "subnets": ["subnet-0a1b2c3d4e5f60718"],
              "securityGroups": ["sg-0a1b2c3d4e5f60718"],
              "executionRoleArn": "arn:aws:iam::123456789012:role/zeebe-execution",
              "logGroup": "/ecs/zeebe/bench"
            },
            "serviceDiscovery": { "namespaceId": "ns-{{index:x16}}", "namespaceName": "{{Name(index)}}.internal" },
            "storage": { "fileSystemId": "fs-{{index:x17}}", "rootDirectory": "/zeebe/{{Name(index)}}" }
          }
        }
        """);

    public static ZeebeClusterDocument Document(int index, int clusterSize) =>
        SpecParser.Parse(Json(index, clusterSize)) is { Document: { } document, Errors.Count: 0 }
            ? document
            : throw new InvalidOperationException($"The benchmark's spec for cluster {Name(index)} does not validate.");
}
