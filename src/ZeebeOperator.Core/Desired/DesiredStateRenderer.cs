using System.Globalization;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Desired;

/// <summary>Renders the desired AWS resources of a cluster: a pure function of the spec and the operator's region.</summary>
public sealed class DesiredStateRenderer(string defaultRegion)
{
    /// <summary>Stop-before-start: two tasks must never run with the same node ID.</summary>
    public static DeploymentConfiguration StopBeforeStart { get; } =
        new(MaximumPercent: 100, MinimumHealthyPercent: 0, new DeploymentCircuitBreaker(Enable: true, Rollback: true));

    /// <summary>
    /// GET /actuator/health/liveness through bash's /dev/tcp: Camunda images ship bash but no curl or wget,
    /// and a port probe alone would call a broker healthy that answers 503.
    /// </summary>
    public static ContainerHealthCheck LivenessCheck { get; } = new(
        [
            "CMD-SHELL",
            "timeout 10s bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + BrokerPorts.Management.ToString(CultureInfo.InvariantCulture)
                + " && printf \"GET /actuator/health/liveness HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n\" >&3"
                + " && head -n 1 <&3 | grep -q \" 200 \"' || exit 1",
        ],
        IntervalSeconds: 30,
        TimeoutSeconds: 5,
        Retries: 3,
        StartPeriodSeconds: 180);

    /// <summary>The container's docker label that carries <c>spec.restartedAt</c>: a new value is new content, so a new revision.</summary>
    public const string RestartedAtLabel = "zeebe-operator/restarted-at";

    /// <param name="bootstrap">The settings the running cluster was formed with; the spec's own for a new cluster.</param>
    public DesiredCluster Render(ZeebeClusterDocument document, BootstrapConfig? bootstrap = null)
    {
        var effective = bootstrap ?? BootstrapConfig.FromSpec(document.Spec);
        return new(document, effective, [.. Enumerable.Range(0, document.Spec.ClusterSize).Select(n => RenderNode(document, n, effective))], RenderGateway(document));
    }

    private static DesiredDiscoveryService RenderGateway(ZeebeClusterDocument document)
    {
        var name = document.Spec.ClientAccess.GatewayServiceName(document.Name);
        return new DesiredDiscoveryService(
            name,
            document.Spec.ServiceDiscovery.NamespaceId,
            document.Spec.ServiceDiscovery.DnsTtlSeconds,
            $"Zeebe gateway of cluster {document.Name}: every broker that runs and is ready",
            Ownership.ClusterTags(document.Name, name, document.Metadata.Labels));
    }

    private DesiredNode RenderNode(ZeebeClusterDocument document, int nodeId, BootstrapConfig bootstrap)
    {
        var spec = document.Spec;
        var brokerName = ResourceNames.Broker(document.Name, nodeId);
        var tags = Ownership.Tags(document.Name, nodeId, document.Metadata.Labels);

        var accessPoint = new DesiredAccessPoint(
            spec.Storage.FileSystemId,
            ResourceNames.NodeDirectory(spec.Storage.RootDirectory, nodeId),
            spec.Storage.PosixUser,
            spec.Storage.Permissions,
            tags);

        var discovery = new DesiredDiscoveryService(
            brokerName,
            spec.ServiceDiscovery.NamespaceId,
            spec.ServiceDiscovery.DnsTtlSeconds,
            string.Create(CultureInfo.InvariantCulture, $"Zeebe broker {nodeId} of cluster {document.Name}"),
            tags);

        var taskDefinition = new DesiredTaskDefinition(accessPointId => RenderTaskDefinition(document, nodeId, bootstrap, accessPointId, tags));

        var placement = spec.Placement;
        var service = new DesiredService(
            placement.EcsCluster,
            brokerName,
            DesiredCount: 1,
            placement.CapacityProvider is null ? LaunchTypeName(placement.LaunchType) : null,
            placement.CapacityProvider is { } provider ? [new CapacityProviderStrategyItem(provider, Weight: 1, Base: 0)] : [],
            new AwsVpcConfiguration(placement.Subnets, placement.SecurityGroups, placement.AssignPublicIp),
            StopBeforeStart,
            [.. spec.ClientAccess.TargetGroups.Select(t => new LoadBalancer(t.TargetGroupArn, ResourceNames.ContainerName, t.ContainerPort))],
            spec.ClientAccess.TargetGroups.Count > 0 ? spec.ClientAccess.HealthCheckGracePeriodSeconds : null,
            tags);

        return new DesiredNode(
            nodeId,
            brokerName,
            ResourceNames.DnsName(document.Name, nodeId, spec.ServiceDiscovery.NamespaceName),
            accessPoint,
            discovery,
            taskDefinition,
            service);
    }

    private TaskDefinitionRequest RenderTaskDefinition(
        ZeebeClusterDocument document,
        int nodeId,
        BootstrapConfig bootstrap,
        string accessPointId,
        IReadOnlyDictionary<string, string> tags)
    {
        var spec = document.Spec;
        var placement = spec.Placement;
        var container = new ContainerDefinition(
            ResourceNames.ContainerName,
            spec.Image,
            Essential: true,
            BrokerPorts.Mappings,
            BrokerEnvironment.Render(document, nodeId, bootstrap),
            [new MountPoint(ResourceNames.DataVolumeName, ResourceNames.DataMountPath)],
            LivenessCheck,
            new LogConfiguration("awslogs", new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["awslogs-group"] = placement.LogGroup,
                ["awslogs-region"] = placement.LogRegion ?? defaultRegion,
                ["awslogs-stream-prefix"] = document.Name,
            }),
            User: null,
            StopTimeoutSeconds: 120,
            // Left out (null) when unused, so definitions without them keep the content hash they always had.
            Secrets: spec.Secrets.Count == 0
                ? null
                : [.. spec.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ContainerSecret(s.Key, s.Value))],
            DockerLabels: spec.RestartedAt is { } restartedAt
                ? new SortedDictionary<string, string>(StringComparer.Ordinal) { [RestartedAtLabel] = restartedAt }
                : null);

        return new TaskDefinitionRequest(
            ResourceNames.Broker(document.Name, nodeId),
            spec.Resources.Cpu.ToString(CultureInfo.InvariantCulture),
            spec.Resources.Memory.ToString(CultureInfo.InvariantCulture),
            NetworkMode: "awsvpc",
            [RunsOnFargate(placement) ? "FARGATE" : "EC2"],
            placement.ExecutionRoleArn,
            placement.TaskRoleArn,
            [container],
            [new TaskVolume(ResourceNames.DataVolumeName, new EfsVolumeConfiguration(spec.Storage.FileSystemId, accessPointId))],
            tags,
            RuntimePlatformOf(placement.CpuArchitecture));
    }

    /// <summary>
    /// ARM64 is rendered; X86_64 is what ECS runs when runtimePlatform is left out, and leaving it out keeps the
    /// content hash of every revision registered before the field existed (no restart when the operator is upgraded).
    /// </summary>
    public static RuntimePlatform? RuntimePlatformOf(CpuArchitecture architecture) => architecture switch
    {
        CpuArchitecture.X64 => null,
        CpuArchitecture.Arm64 => new RuntimePlatform("ARM64", RuntimePlatform.Linux),
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, null),
    };

    public static bool RunsOnFargate(PlacementSpec placement) => placement.CapacityProvider switch
    {
        null => placement.LaunchType == LaunchType.Fargate,
        var provider => provider is "FARGATE" or "FARGATE_SPOT",
    };

    private static string LaunchTypeName(LaunchType launchType) => launchType switch
    {
        LaunchType.Fargate => "FARGATE",
        LaunchType.Ec2 => "EC2",
        _ => throw new ArgumentOutOfRangeException(nameof(launchType), launchType, null),
    };
}
