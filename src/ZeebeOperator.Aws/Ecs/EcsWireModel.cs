using System.Text.Json.Serialization;

namespace ZeebeOperator.Aws.Ecs;

// The ECS JSON 1.1 shapes (camelCase members), limited to the members the operator reads or writes.
// Member names and casing are checked against the official API model by the contract tests.

internal sealed record EcsTag(string Key, string Value);

internal sealed record EcsKeyValue(string Name, string Value);

internal sealed record EcsSecret(string Name, string ValueFrom);

internal sealed record EcsRuntimePlatform(string? CpuArchitecture, string? OperatingSystemFamily);

internal sealed record EcsPortMapping(string? Name, int ContainerPort, string? Protocol, int? HostPort = null);

internal sealed record EcsMountPoint(string? SourceVolume, string? ContainerPath, bool? ReadOnly);

internal sealed record EcsHealthCheck(IReadOnlyList<string> Command, int? Interval, int? Timeout, int? Retries, int? StartPeriod);

internal sealed record EcsLogConfiguration(string LogDriver, IReadOnlyDictionary<string, string>? Options);

internal sealed record EcsContainerDefinition(
    string? Name,
    string? Image,
    bool? Essential,
    IReadOnlyList<EcsPortMapping>? PortMappings,
    IReadOnlyList<EcsKeyValue>? Environment,
    IReadOnlyList<EcsMountPoint>? MountPoints,
    EcsHealthCheck? HealthCheck,
    EcsLogConfiguration? LogConfiguration,
    string? User,
    int? StopTimeout,
    IReadOnlyList<EcsSecret>? Secrets,
    IReadOnlyDictionary<string, string>? DockerLabels);

internal sealed record EcsEfsAuthorizationConfig(string? AccessPointId, string? Iam);

internal sealed record EcsEfsVolumeConfiguration(string FileSystemId, string? TransitEncryption, EcsEfsAuthorizationConfig? AuthorizationConfig);

internal sealed record EcsVolume(string? Name, EcsEfsVolumeConfiguration? EfsVolumeConfiguration);

internal sealed record EcsTaskDefinition(
    string? TaskDefinitionArn,
    string? Family,
    int Revision,
    string? Status,
    string? Cpu,
    string? Memory,
    string? NetworkMode,
    IReadOnlyList<string>? RequiresCompatibilities,
    string? ExecutionRoleArn,
    string? TaskRoleArn,
    IReadOnlyList<EcsContainerDefinition>? ContainerDefinitions,
    IReadOnlyList<EcsVolume>? Volumes,
    EcsRuntimePlatform? RuntimePlatform);

internal sealed record RegisterTaskDefinitionInput(
    string Family,
    string? TaskRoleArn,
    string? ExecutionRoleArn,
    string? NetworkMode,
    IReadOnlyList<EcsContainerDefinition> ContainerDefinitions,
    IReadOnlyList<EcsVolume>? Volumes,
    IReadOnlyList<string>? RequiresCompatibilities,
    string? Cpu,
    string? Memory,
    IReadOnlyList<EcsTag>? Tags,
    EcsRuntimePlatform? RuntimePlatform);

internal sealed record TaskDefinitionOutput(EcsTaskDefinition? TaskDefinition, IReadOnlyList<EcsTag>? Tags);

internal sealed record DescribeTaskDefinitionInput(string TaskDefinition, IReadOnlyList<string> Include);

internal sealed record EcsAwsVpcConfiguration(IReadOnlyList<string> Subnets, IReadOnlyList<string>? SecurityGroups, string? AssignPublicIp);

internal sealed record EcsNetworkConfiguration(EcsAwsVpcConfiguration? AwsvpcConfiguration);

internal sealed record EcsCircuitBreaker(bool Enable, bool Rollback);

internal sealed record EcsDeploymentConfiguration(EcsCircuitBreaker? DeploymentCircuitBreaker, int? MaximumPercent, int? MinimumHealthyPercent);

internal sealed record EcsCapacityProviderStrategyItem(string CapacityProvider, int? Weight, int? Base);

internal sealed record EcsServiceRegistry(string? RegistryArn);

internal sealed record EcsLoadBalancer(string? TargetGroupArn, string? ContainerName, int? ContainerPort);

internal sealed record EcsDeployment(
    string? Id,
    string? Status,
    string? TaskDefinition,
    int DesiredCount,
    int RunningCount,
    int PendingCount,
    string? RolloutState);

internal sealed record EcsServiceShape(
    string? ServiceArn,
    string? ServiceName,
    string? ClusterArn,
    string? Status,
    string? TaskDefinition,
    int DesiredCount,
    int RunningCount,
    int PendingCount,
    string? LaunchType,
    IReadOnlyList<EcsCapacityProviderStrategyItem>? CapacityProviderStrategy,
    EcsNetworkConfiguration? NetworkConfiguration,
    EcsDeploymentConfiguration? DeploymentConfiguration,
    IReadOnlyList<EcsServiceRegistry>? ServiceRegistries,
    IReadOnlyList<EcsLoadBalancer>? LoadBalancers,
    int? HealthCheckGracePeriodSeconds,
    IReadOnlyList<EcsDeployment>? Deployments,
    IReadOnlyList<EcsTag>? Tags);

internal sealed record ServiceOutput(EcsServiceShape? Service);

internal sealed record EcsFailure(string? Arn, string? Reason, string? Detail);

internal sealed record DescribeServicesInput(string Cluster, IReadOnlyList<string> Services, IReadOnlyList<string> Include);

internal sealed record DescribeServicesOutput(IReadOnlyList<EcsServiceShape>? Services, IReadOnlyList<EcsFailure>? Failures);

internal sealed record CreateServiceInput(
    string Cluster,
    string ServiceName,
    string TaskDefinition,
    IReadOnlyList<EcsServiceRegistry>? ServiceRegistries,
    IReadOnlyList<EcsLoadBalancer>? LoadBalancers,
    int? HealthCheckGracePeriodSeconds,
    int DesiredCount,
    string ClientToken,
    string? LaunchType,
    IReadOnlyList<EcsCapacityProviderStrategyItem>? CapacityProviderStrategy,
    EcsDeploymentConfiguration DeploymentConfiguration,
    EcsNetworkConfiguration NetworkConfiguration,
    IReadOnlyList<EcsTag>? Tags,
    [property: JsonPropertyName("enableECSManagedTags")] bool EnableEcsManagedTags,
    string? PropagateTags);

internal sealed record UpdateServiceInput(
    string Cluster,
    string Service,
    int? DesiredCount,
    string? TaskDefinition,
    IReadOnlyList<EcsCapacityProviderStrategyItem>? CapacityProviderStrategy,
    EcsDeploymentConfiguration? DeploymentConfiguration,
    EcsNetworkConfiguration? NetworkConfiguration,
    bool? ForceNewDeployment,
    IReadOnlyList<EcsServiceRegistry>? ServiceRegistries,
    IReadOnlyList<EcsLoadBalancer>? LoadBalancers,
    int? HealthCheckGracePeriodSeconds);

internal sealed record DeleteServiceInput(string Cluster, string Service, bool Force);

internal sealed record ListTasksInput(string Cluster, string ServiceName, string DesiredStatus, string? NextToken, int MaxResults);

internal sealed record ListTasksOutput(IReadOnlyList<string>? TaskArns, string? NextToken);

internal sealed record ListServicesInput(string Cluster, string? NextToken, int MaxResults);

internal sealed record ListServicesOutput(IReadOnlyList<string>? ServiceArns, string? NextToken);

internal sealed record ListTaskDefinitionsInput(string FamilyPrefix, string Status, string Sort, string? NextToken, int MaxResults);

internal sealed record ListTaskDefinitionsOutput(IReadOnlyList<string>? TaskDefinitionArns, string? NextToken);

internal sealed record DeregisterTaskDefinitionInput(string TaskDefinition);

internal sealed record DescribeTasksInput(string Cluster, IReadOnlyList<string> Tasks);

internal sealed record EcsAttachment(string? Type, IReadOnlyList<EcsKeyValue>? Details);

internal sealed record EcsNetworkInterface(string? PrivateIpv4Address);

internal sealed record EcsNetworkBinding(
    [property: JsonPropertyName("bindIP")] string? BindIp,
    int? ContainerPort,
    int? HostPort,
    string? Protocol);

internal sealed record EcsContainer(string? Name, IReadOnlyList<EcsNetworkInterface>? NetworkInterfaces, IReadOnlyList<EcsNetworkBinding>? NetworkBindings);

internal sealed record EcsTaskShape(
    string? TaskArn,
    string? TaskDefinitionArn,
    string? Group,
    string? LastStatus,
    string? DesiredStatus,
    string? HealthStatus,
    double? StartedAt,
    string? StoppedReason,
    IReadOnlyList<EcsAttachment>? Attachments,
    IReadOnlyList<EcsContainer>? Containers,
    string? LaunchType,
    string? ContainerInstanceArn);

internal sealed record DescribeTasksOutput(IReadOnlyList<EcsTaskShape>? Tasks, IReadOnlyList<EcsFailure>? Failures);

internal sealed record DescribeContainerInstancesInput(string Cluster, IReadOnlyList<string> ContainerInstances);

internal sealed record EcsContainerInstance(string? ContainerInstanceArn, string? Ec2InstanceId, string? Status);

internal sealed record DescribeContainerInstancesOutput(IReadOnlyList<EcsContainerInstance>? ContainerInstances, IReadOnlyList<EcsFailure>? Failures);

internal sealed record EcsTagResourceInput(string ResourceArn, IReadOnlyList<EcsTag> Tags);

internal sealed record EmptyOutput;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(RegisterTaskDefinitionInput))]
[JsonSerializable(typeof(TaskDefinitionOutput))]
[JsonSerializable(typeof(DescribeTaskDefinitionInput))]
[JsonSerializable(typeof(DescribeServicesInput))]
[JsonSerializable(typeof(DescribeServicesOutput))]
[JsonSerializable(typeof(CreateServiceInput))]
[JsonSerializable(typeof(UpdateServiceInput))]
[JsonSerializable(typeof(DeleteServiceInput))]
[JsonSerializable(typeof(ServiceOutput))]
[JsonSerializable(typeof(ListTasksInput))]
[JsonSerializable(typeof(ListTasksOutput))]
[JsonSerializable(typeof(ListServicesInput))]
[JsonSerializable(typeof(ListServicesOutput))]
[JsonSerializable(typeof(ListTaskDefinitionsInput))]
[JsonSerializable(typeof(ListTaskDefinitionsOutput))]
[JsonSerializable(typeof(DeregisterTaskDefinitionInput))]
[JsonSerializable(typeof(DescribeTasksInput))]
[JsonSerializable(typeof(DescribeTasksOutput))]
[JsonSerializable(typeof(DescribeContainerInstancesInput))]
[JsonSerializable(typeof(DescribeContainerInstancesOutput))]
[JsonSerializable(typeof(EcsTagResourceInput))]
[JsonSerializable(typeof(EmptyOutput))]
internal sealed partial class EcsJsonContext : JsonSerializerContext;
