using System.Text.Json.Serialization;

namespace ZeebeOperator.Core.Resources;

public sealed record KeyValuePairEntry(string Name, string Value);

/// <summary>An environment variable ECS fills at task start from a Secrets Manager secret or an SSM parameter.</summary>
/// <param name="ValueFrom">The ARN of the secret or parameter: a reference, never the value.</param>
public sealed record ContainerSecret(string Name, string ValueFrom);

/// <summary>The task definition's <c>runtimePlatform</c>.</summary>
public sealed record RuntimePlatform(string CpuArchitecture, string OperatingSystemFamily)
{
    public const string Linux = "LINUX";
}

/// <param name="HostPort">
/// <c>bridge</c> mode only: the instance port it is published on; null or 0 lets Docker pick one from the ephemeral
/// range (a dynamic port). In <c>awsvpc</c> and <c>host</c> mode it is the container port or left out.
/// </param>
public sealed record PortMapping(
    string Name,
    int ContainerPort,
    string Protocol = "tcp",
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? HostPort = null);

public sealed record MountPoint(string SourceVolume, string ContainerPath, bool ReadOnly = false);

/// <summary>Container health check; intervals in seconds as ECS takes them.</summary>
public sealed record ContainerHealthCheck(
    IReadOnlyList<string> Command,
    int IntervalSeconds,
    int TimeoutSeconds,
    int Retries,
    int StartPeriodSeconds);

public sealed record LogConfiguration(string LogDriver, IReadOnlyDictionary<string, string> Options);

public sealed record ContainerDefinition(
    string Name,
    string Image,
    bool Essential,
    IReadOnlyList<PortMapping> PortMappings,
    IReadOnlyList<KeyValuePairEntry> Environment,
    IReadOnlyList<MountPoint> MountPoints,
    ContainerHealthCheck? HealthCheck,
    LogConfiguration? LogConfiguration,
    string? User,
    int? StopTimeoutSeconds,
    // Members added later are left out of the content hash while null, so revisions registered before keep theirs.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ContainerSecret>? Secrets = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? DockerLabels = null);

public sealed record EfsVolumeConfiguration(
    string FileSystemId,
    string AccessPointId,
    bool TransitEncryption = true,
    bool IamAuthorization = true);

public sealed record TaskVolume(string Name, EfsVolumeConfiguration Efs);

/// <summary>The content of a task definition revision (RegisterTaskDefinition's request, DescribeTaskDefinition's answer).</summary>
/// <param name="Cpu">CPU units as ECS's string, e.g. "1024".</param>
/// <param name="Memory">MiB as ECS's string, e.g. "4096".</param>
public sealed record TaskDefinitionRequest(
    string Family,
    string Cpu,
    string Memory,
    string NetworkMode,
    IReadOnlyList<string> RequiresCompatibilities,
    string ExecutionRoleArn,
    string? TaskRoleArn,
    IReadOnlyList<ContainerDefinition> ContainerDefinitions,
    IReadOnlyList<TaskVolume> Volumes,
    IReadOnlyDictionary<string, string> Tags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RuntimePlatform? RuntimePlatform = null);

/// <summary>A registered, immutable task definition revision.</summary>
public sealed record TaskDefinition(string Arn, int Revision, string Status, TaskDefinitionRequest Definition)
{
    public string Family => Definition.Family;
}

public sealed record AwsVpcConfiguration(
    IReadOnlyList<string> Subnets,
    IReadOnlyList<string> SecurityGroups,
    bool AssignPublicIp);

public sealed record DeploymentCircuitBreaker(bool Enable, bool Rollback);

public sealed record DeploymentConfiguration(
    int MaximumPercent,
    int MinimumHealthyPercent,
    DeploymentCircuitBreaker CircuitBreaker);

public sealed record CapacityProviderStrategyItem(string CapacityProvider, int Weight, int Base);

public sealed record ServiceRegistry(string RegistryArn);

/// <summary>A target group the service registers its tasks in: which container port of which container serves it.</summary>
public sealed record LoadBalancer(string TargetGroupArn, string ContainerName, int ContainerPort);

public sealed record ServiceDeployment(
    string Id,
    string Status,
    string TaskDefinition,
    int DesiredCount,
    int RunningCount,
    int PendingCount,
    string? RolloutState);

/// <summary>An ECS service as DescribeServices reports it (with include TAGS).</summary>
/// <param name="LaunchType">"FARGATE" or "EC2"; null when a capacity provider strategy is used.</param>
public sealed record EcsService(
    string ServiceArn,
    string ServiceName,
    string ClusterArn,
    string Status,
    string TaskDefinition,
    int DesiredCount,
    int RunningCount,
    int PendingCount,
    string? LaunchType,
    IReadOnlyList<CapacityProviderStrategyItem> CapacityProviderStrategy,
    AwsVpcConfiguration? NetworkConfiguration,
    DeploymentConfiguration DeploymentConfiguration,
    IReadOnlyList<ServiceRegistry> ServiceRegistries,
    IReadOnlyList<LoadBalancer> LoadBalancers,
    int? HealthCheckGracePeriodSeconds,
    IReadOnlyList<ServiceDeployment> Deployments,
    IReadOnlyDictionary<string, string> Tags)
{
    public bool IsActive => Status == EcsServiceStatus.Active;
}

public static class EcsServiceStatus
{
    public const string Active = "ACTIVE";
    public const string Draining = "DRAINING";
    public const string Inactive = "INACTIVE";
}

/// <param name="ClientToken">Idempotency token, at most 36 ASCII characters.</param>
public sealed record CreateServiceRequest(
    string ClientToken,
    string Cluster,
    string ServiceName,
    string TaskDefinition,
    int DesiredCount,
    string? LaunchType,
    IReadOnlyList<CapacityProviderStrategyItem> CapacityProviderStrategy,
    AwsVpcConfiguration NetworkConfiguration,
    DeploymentConfiguration DeploymentConfiguration,
    IReadOnlyList<ServiceRegistry> ServiceRegistries,
    IReadOnlyList<LoadBalancer> LoadBalancers,
    int? HealthCheckGracePeriodSeconds,
    bool EnableEcsManagedTags,
    string PropagateTags,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// UpdateService: members left null are not changed. An empty <see cref="LoadBalancers"/> removes every load balancer.
/// Changing the load balancers starts a new deployment, like a new task definition: the task is replaced.
/// </summary>
public sealed record UpdateServiceRequest(
    string Cluster,
    string Service,
    string? TaskDefinition = null,
    int? DesiredCount = null,
    AwsVpcConfiguration? NetworkConfiguration = null,
    DeploymentConfiguration? DeploymentConfiguration = null,
    IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy = null,
    IReadOnlyList<ServiceRegistry>? ServiceRegistries = null,
    bool ForceNewDeployment = false,
    IReadOnlyList<LoadBalancer>? LoadBalancers = null,
    int? HealthCheckGracePeriodSeconds = null);

/// <summary>A task as DescribeTasks reports it.</summary>
/// <param name="Group">"service:{serviceName}" for tasks an ECS service started.</param>
/// <param name="HealthStatus">"HEALTHY", "UNHEALTHY" or "UNKNOWN" (from the container health check).</param>
public sealed record EcsTask(
    string TaskArn,
    string TaskDefinitionArn,
    string Group,
    string LastStatus,
    string DesiredStatus,
    string HealthStatus,
    DateTimeOffset? StartedAt,
    string? StoppedReason,
    string? PrivateIpv4Address,
    string? LaunchType = null,
    string? ContainerInstanceArn = null,
    IReadOnlyList<TaskContainer>? Containers = null);

/// <summary>A container of a task as DescribeTasks reports it: for <c>bridge</c> and <c>host</c> tasks, the ports it is published on.</summary>
public sealed record TaskContainer(string Name, IReadOnlyList<NetworkBinding> NetworkBindings);

/// <summary>A container port and the port of the EC2 instance that reaches it.</summary>
public sealed record NetworkBinding(int ContainerPort, int HostPort, string Protocol = "tcp", string? BindIp = null);

/// <summary>An ECS container instance (an EC2 instance registered in the cluster) as DescribeContainerInstances reports it.</summary>
/// <param name="Status">ACTIVE, DRAINING, REGISTERING, DEREGISTERING, INACTIVE...</param>
public sealed record ContainerInstance(string ContainerInstanceArn, string Ec2InstanceId, string Status);

/// <summary>An item DescribeContainerInstances (or another Describe) could not return, e.g. reason <c>MISSING</c>.</summary>
public sealed record EcsFailure(string Arn, string Reason, string? Detail = null);

/// <summary>What DescribeContainerInstances found, and the ARNs it did not (in <c>failures[]</c>: the call still succeeds).</summary>
public sealed record ContainerInstancesResult(IReadOnlyList<ContainerInstance> ContainerInstances, IReadOnlyList<EcsFailure> Failures);

public static class EcsTaskStatus
{
    public const string Provisioning = "PROVISIONING";
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Stopped = "STOPPED";
}
