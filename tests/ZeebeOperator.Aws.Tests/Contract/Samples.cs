using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>Realistic inputs: broker node 1 of the cluster <c>orders</c>.</summary>
public static class Samples
{
    public const string Cluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/zeebe";
    public const string FileSystemId = "fs-0123456789abcdef0";
    public const string AccessPointId = "fsap-0123456789abcdef0";
    public const string NamespaceId = "ns-abcdefghijklmnop";
    public const string RegistryArn = "arn:aws:servicediscovery:eu-west-1:123456789012:service/srv-abcdefghijklmnop";

    public static IReadOnlyDictionary<string, string> Tags { get; } = new Dictionary<string, string>
    {
        [TagKeys.ManagedBy] = TagKeys.ManagedByValue,
        [TagKeys.Cluster] = "orders",
        [TagKeys.NodeId] = "1",
        [TagKeys.ConfigHash] = "9f2c1e7a",
        [TagKeys.Name] = "orders-broker-1",
    };

    public static TaskDefinitionRequest TaskDefinition { get; } = new(
        "orders-broker-1",
        "2048",
        "4096",
        "awsvpc",
        ["FARGATE"],
        "arn:aws:iam::123456789012:role/zeebe-execution",
        "arn:aws:iam::123456789012:role/zeebe-task",
        [
            new ContainerDefinition(
                "zeebe",
                "camunda/zeebe:8.8.0",
                true,
                [
                    new PortMapping("gateway", 26500),
                    new PortMapping("command", 26501),
                    new PortMapping("internal", 26502),
                    new PortMapping("management", 9600),
                    new PortMapping("rest", 8080),
                ],
                [
                    new KeyValuePairEntry("CAMUNDA_CLUSTER_NODEID", "1"),
                    new KeyValuePairEntry("CAMUNDA_CLUSTER_SIZE", "3"),
                    new KeyValuePairEntry("CAMUNDA_CLUSTER_PARTITIONCOUNT", "3"),
                    new KeyValuePairEntry("CAMUNDA_CLUSTER_REPLICATIONFACTOR", "3"),
                    new KeyValuePairEntry(
                        "CAMUNDA_CLUSTER_INITIALCONTACTPOINTS",
                        "orders-broker-0.zeebe.internal:26502,orders-broker-1.zeebe.internal:26502,orders-broker-2.zeebe.internal:26502"),
                    new KeyValuePairEntry("CAMUNDA_CLUSTER_NETWORK_ADVERTISEDHOST", "orders-broker-1.zeebe.internal"),
                    new KeyValuePairEntry("ZEEBE_BROKER_DATA_DIRECTORY", "/usr/local/zeebe/data"),
                ],
                [new MountPoint("data", "/usr/local/zeebe/data")],
                new ContainerHealthCheck(["CMD-SHELL", "curl -fs http://localhost:9600/actuator/health/liveness || exit 1"], 30, 5, 3, 120),
                new LogConfiguration("awslogs", new Dictionary<string, string>
                {
                    ["awslogs-group"] = "/zeebe/orders",
                    ["awslogs-region"] = "eu-west-1",
                    ["awslogs-stream-prefix"] = "broker-1",
                }),
                "1001:0",
                60,
                [
                    new ContainerSecret("DB_PASSWORD", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf:password::"),
                    new ContainerSecret("ES_PASSWORD", "arn:aws:ssm:eu-west-1:123456789012:parameter/zeebe/orders/es-password"),
                ],
                new Dictionary<string, string> { ["zeebe-operator/restarted-at"] = "2026-12-03T10:00:00Z" }),
        ],
        [new TaskVolume("data", new EfsVolumeConfiguration(FileSystemId, AccessPointId))],
        Tags,
        new RuntimePlatform("ARM64", "LINUX"));

    public static AwsVpcConfiguration Network { get; } = new(["subnet-0a1b2c3d", "subnet-4e5f6a7b"], ["sg-0123456789abcdef0"], false);

    public static DeploymentConfiguration Deployment { get; } = new(100, 0, new DeploymentCircuitBreaker(true, false));

    public static CreateServiceRequest CreateService { get; } = new(
        "3f1c2b7e-9a4d-4c1e-8f7a-2b9d1e0c5a6f",
        Cluster,
        "orders-broker-1",
        "orders-broker-1:3",
        1,
        "FARGATE",
        [],
        Network,
        Deployment,
        [new ServiceRegistry(RegistryArn)],
        [new LoadBalancer(GrpcTargetGroupArn, "zeebe", 26500), new LoadBalancer(RestTargetGroupArn, "zeebe", 8080)],
        300,
        true,
        "SERVICE",
        Tags);

    public const string GrpcTargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders-grpc/0123456789abcdef";
    public const string RestTargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders-rest/fedcba9876543210";

    public static UpdateServiceRequest UpdateService { get; } = new(
        Cluster,
        "orders-broker-1",
        TaskDefinition: "orders-broker-1:4",
        DesiredCount: 1,
        NetworkConfiguration: Network,
        DeploymentConfiguration: Deployment,
        CapacityProviderStrategy: [new CapacityProviderStrategyItem("FARGATE", 1, 0)],
        ServiceRegistries: [new ServiceRegistry(RegistryArn)],
        ForceNewDeployment: true,
        LoadBalancers: [new LoadBalancer(GrpcTargetGroupArn, "zeebe", 26500)],
        HealthCheckGracePeriodSeconds: 120);

    public static CreateDiscoveryServiceRequest CreateDiscoveryService { get; } = new(
        "orders-broker-1-5b2d9c",
        "orders-broker-1",
        NamespaceId,
        10,
        "Zeebe broker 1 of cluster orders",
        Tags);

    public static RegisterInstanceRequest RegisterInstance { get; } = new(
        "srv-abcdefghijklmnop",
        "node-1",
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        new Dictionary<string, string> { [ServiceInstance.Ipv4Attribute] = "10.0.1.17" });

    public static CreateAccessPointRequest CreateAccessPoint { get; } = new(
        "orders-node-1-7c1d",
        FileSystemId,
        "/zeebe/orders/node-1",
        new PosixIdentity(1001, 0),
        "0750",
        Tags);
}
