using System.Text.Json.Serialization;
using ZeebeOperator.Core.Spec.Model;
using ZeebeOperator.Core.Spec.Validation;

namespace ZeebeOperator.Core.Spec;

// The records below are the spec's single description: each field's JSON name, default and the limits the JSON
// Schema states come from its [SpecField]. The binder, the error paths (SpecPath.Of), the serialiser and the
// generated crds/zeebecluster.schema.json read them; the rules in Validation/ check them with their own messages.

/// <summary>A <c>ZeebeCluster</c> spec as a user commits it: the operator's equivalent of a custom resource.</summary>
/// <param name="Schema">A link to the JSON Schema for editors; the operator ignores it.</param>
public sealed record ZeebeClusterDocument(
    [SpecField(Const = ZeebeClusterDocument.CurrentApiVersion)] string ApiVersion,
    [SpecField(Const = ZeebeClusterDocument.ResourceKind)] string Kind,
    ObjectMeta Metadata,
    ZeebeClusterSpec Spec,
    [SpecField(Name = "$schema", Description = "Optional link to this schema, for editors.")] string? Schema = null)
{
    public const string CurrentApiVersion = "zeebe.camunda.io/v1alpha1";
    public const string ResourceKind = "ZeebeCluster";

    public string Name => Metadata.Name;
}

public sealed record ObjectMeta(
    [SpecField(
        Pattern = SpecPatterns.ClusterNamePattern,
        MaxLength = MetadataRules.MaxNameLength,
        Description = "DNS label that prefixes every AWS resource. '{name}-broker-{clusterSize-1}' must fit in 63 characters: at most 54 for up to 10 brokers, 53 for up to 100.")]
    string Name,
    [SpecField(Default = 1L, Minimum = 1, Description = "Bump on every change; status reports the generation last acted on.")]
    long Generation,
    [SpecField(
        Optional = true,
        MaxItems = LabelRules.MaxLabels,
        KeyMinLength = 1,
        KeyMaxLength = LabelRules.MaxKeyLength,
        KeyPattern = SpecPatterns.LabelKeyPattern,
        ItemMaxLength = LabelRules.MaxValueLength,
        ItemPattern = SpecPatterns.TagTextPattern,
        Description = "Copied as AWS tags onto every resource of the cluster.")]
    IReadOnlyDictionary<string, string> Labels,
    [SpecField(Description = "The only way to ask for a teardown.")]
    bool DeletionRequested = false);

public sealed record ZeebeClusterSpec(
    [SpecField(
        MinLength = 1,
        MaxLength = ClusterShapeRules.MaxImageLength,
        Pattern = SpecPatterns.ImageReferencePattern,
        Example = "camunda/camunda:8.8.3",
        Description = "Camunda / Zeebe image, e.g. camunda/camunda:8.8.3.")]
    string Image,
    [SpecField(Minimum = 1, Maximum = BrokerNames.MaxClusterSize, Description = "Number of brokers (node IDs 0..clusterSize-1).")]
    int ClusterSize,
    [SpecField(Minimum = 1, Maximum = ClusterShapeRules.MaxPartitionCount, Description = "Can only grow.")]
    int PartitionCount,
    [SpecField(Minimum = 1, Maximum = BrokerNames.MaxClusterSize, Description = "Must be <= clusterSize.")]
    int ReplicationFactor,
    [SpecField(Description = "On Fargate the pair must be a valid Fargate size (e.g. 1024/4096, 4096/16384).")]
    ResourceRequirements Resources,
    PlacementSpec Placement,
    ServiceDiscoverySpec ServiceDiscovery,
    StorageSpec Storage,
    [SpecField(
        Optional = true,
        KeyPattern = SpecPatterns.EnvironmentVariableNamePattern,
        ItemMaxLength = SpecLimits.MaxEnvValueLength,
        ItemPattern = SpecPatterns.NoControlCharactersPattern,
        Description = "Extra broker environment. Cluster settings the operator renders (CAMUNDA_CLUSTER_*, ZEEBE_BROKER_CLUSTER_*, ...) cannot be set here.")]
    IReadOnlyDictionary<string, string> Env,
    [SpecField(
        Optional = true,
        KeyPattern = SpecPatterns.EnvironmentVariableNamePattern,
        ItemMaxLength = SecretRules.MaxReferenceLength,
        ItemPattern = SpecPatterns.SecretReferencePattern,
        Description = "Broker environment variables ECS fills at task start from Secrets Manager or SSM Parameter Store: NAME -> the secret's ARN (optionally :json-key:version-stage:version-id) or the parameter's ARN. The values never pass through the operator. The same names as env are refused, and a name cannot be in both.")]
    IReadOnlyDictionary<string, string> Secrets,
    [SpecField(Optional = true)]
    UpdateStrategySpec UpdateStrategy,
    [SpecField(Optional = true, Description = "How clients reach the cluster: load balancer target groups and one Cloud Map name for every ready broker.")]
    ClientAccessSpec ClientAccess,
    [SpecField(Description = "Which broker setting names to render; Auto picks Unified for images >= 8.8 or unknown tags, Legacy below 8.8.")]
    EnvironmentNaming EnvironmentNaming = EnvironmentNaming.Auto,
    [SpecField(
        Pattern = SpecPatterns.TimestampPattern,
        Example = "2026-12-03T10:00:00Z",
        Description = "A restart request, written by 'zeebe-operator rollout restart': a new value restarts every broker, one at a time, through the rolling gate and the maintenance window (UTC, RFC 3339).")]
    string? RestartedAt = null,
    [SpecField(Description = "Zeebe backups to S3: a schedule, retention, the store every broker writes to, and a backup before each rolling update.")]
    BackupSpec? Backup = null,
    [SpecField(Description = "Notifications to subscriber tasks (ECS services labelled NOTIFY_ME_CONTAINER_PORT and NOTIFY_ME_API_URI) when the cluster changes: an opt-out, and more ECS clusters to look for subscribers in. Leave out: notified, subscribers looked for in placement.ecsCluster.")]
    NotifySpec? Notify = null);

public sealed record ResourceRequirements(
    [SpecField(Minimum = 1, Description = "ECS CPU units (1024 = 1 vCPU).")] int Cpu,
    [SpecField(Minimum = 1, Description = "MiB.")] int Memory);

public enum LaunchType
{
    [JsonStringEnumMemberName("FARGATE")]
    Fargate,

    [JsonStringEnumMemberName("EC2")]
    Ec2,
}

public sealed record PlacementSpec(
    [SpecField(Pattern = SpecPatterns.EcsClusterPattern, Description = "ECS cluster name or ARN.")]
    string EcsCluster,
    [SpecField(MinItems = 1, MaxItems = PlacementRules.MaxSubnets, UniqueItems = true, ItemPattern = SpecPatterns.SubnetIdPattern)]
    IReadOnlyList<string> Subnets,
    [SpecField(MinItems = 1, MaxItems = PlacementRules.MaxSecurityGroups, UniqueItems = true, ItemPattern = SpecPatterns.SecurityGroupIdPattern)]
    IReadOnlyList<string> SecurityGroups,
    [SpecField(
        Default = LaunchType.Fargate,
        LeftOutWhenSet = nameof(CapacityProvider),
        LeftOutBecause = "the capacity provider decides where tasks run",
        Description = "Leave out when capacityProvider is set.")]
    LaunchType LaunchType,
    [SpecField(Pattern = SpecPatterns.EcsNamePattern, Description = "Capacity provider name; replaces the launch type.")]
    string? CapacityProvider,
    [SpecField(Default = false, Description = "Fargate only.")]
    bool AssignPublicIp,
    [SpecField(Pattern = SpecPatterns.IamRoleArnPattern)]
    string ExecutionRoleArn,
    [SpecField(Pattern = SpecPatterns.IamRoleArnPattern)]
    string? TaskRoleArn,
    [SpecField(Pattern = SpecPatterns.LogGroupNamePattern, Description = "CloudWatch log group.")]
    string LogGroup,
    [SpecField(Pattern = SpecPatterns.RegionPattern, Description = "Region of the log group; defaults to the operator's region.")]
    string? LogRegion,
    [SpecField(Description = "The brokers' CPU architecture: X86_64, or ARM64 (Graviton; Camunda's images are multi-architecture). A change restarts every broker, one at a time.")]
    CpuArchitecture CpuArchitecture = CpuArchitecture.X64);

public enum CpuArchitecture
{
    [JsonStringEnumMemberName("X86_64")]
    X64,

    [JsonStringEnumMemberName("ARM64")]
    Arm64,
}

public sealed record ServiceDiscoverySpec(
    [SpecField(Pattern = SpecPatterns.NamespaceIdPattern, Description = "Cloud Map private DNS namespace ID.")]
    string NamespaceId,
    [SpecField(
        MaxLength = BrokerNames.MaxDnsNameLength,
        Pattern = SpecPatterns.DnsNamePattern,
        Description = "Brokers are reachable as {name}-broker-{n}.{namespaceName} (at most 253 characters).")]
    string NamespaceName,
    [SpecField(Minimum = 1, Maximum = ServiceDiscoveryRules.MaxDnsTtlSeconds)]
    int DnsTtlSeconds = 10);

public enum DataRetention
{
    /// <summary>Access points (and so the brokers' data) outlive the cluster.</summary>
    Retain,

    /// <summary>Access points are deleted with the cluster when deletion is requested.</summary>
    Delete,
}

public sealed record StorageSpec(
    [SpecField(Pattern = SpecPatterns.FileSystemIdPattern)]
    string FileSystemId,
    [SpecField(
        MaxLength = StorageRules.MaxRootDirectoryLength,
        Pattern = SpecPatterns.RootDirectoryPattern,
        Description = "Absolute directory on the file system; node n lives in {rootDirectory}/node-{n}, an EFS access point path (at most 100 characters and 4 levels).")]
    string RootDirectory,
    [SpecField(Optional = true, Description = "Camunda images run as 1001:0.")]
    PosixIdentity PosixUser,
    [SpecField(Pattern = SpecPatterns.OctalPermissionsPattern, Description = "Octal permissions for directories EFS creates.")]
    string Permissions = "0750",
    [SpecField(Description = "Whether access points (and data) outlive the cluster when deletion is requested.")]
    DataRetention Retention = DataRetention.Retain);

public sealed record PosixIdentity(
    [SpecField(Minimum = 0, Maximum = StorageRules.MaxPosixId)] long Uid,
    [SpecField(Minimum = 0, Maximum = StorageRules.MaxPosixId)] long Gid)
{
    /// <summary>The user Camunda images run as.</summary>
    public static PosixIdentity Default { get; } = new(1001, 0);
}

public sealed record UpdateStrategySpec(
    [SpecField(Default = UpdateStrategyType.RollingUpdate)] UpdateStrategyType Type,
    MaintenanceWindowSpec? MaintenanceWindow)
{
    public static UpdateStrategySpec Default { get; } = new(UpdateStrategyType.RollingUpdate, null);
}

public enum UpdateStrategyType
{
    RollingUpdate,
}

/// <param name="Duration">How long the window stays open.</param>
public sealed record MaintenanceWindowSpec(
    [SpecField(
        Pattern = SpecPatterns.QuartzCronPattern,
        Example = "0 0 2 ? * SUN",
        Description = "Quartz cron (6 or 7 fields), exactly one of day-of-month/day-of-week '?'.")]
    string Schedule,
    [SpecField(Example = "PT2H", Description = "ISO-8601 duration, > 0 and <= PT24H.")]
    TimeSpan Duration);

/// <summary>How clients reach the brokers: target groups every broker's service registers in, and a gateway name.</summary>
public sealed record ClientAccessSpec(
    [SpecField(
        Optional = true,
        MaxItems = ClientAccessRules.MaxTargetGroups,
        Description = "Elastic Load Balancing target groups (ip target type) every broker's ECS service registers its task in. Changing them restarts brokers one at a time.")]
    IReadOnlyList<TargetGroupSpec> TargetGroups,
    [SpecField(
        Pattern = SpecPatterns.ClusterNamePattern,
        MaxLength = BrokerNames.MaxDnsLabelLength,
        Description = "Cloud Map service (multivalue A record, in the cluster's namespace) whose instances are the running and ready brokers; defaults to {name}-gateway.")]
    string? ServiceName,
    [SpecField(
        Minimum = 0,
        Maximum = ClientAccessRules.MaxHealthCheckGracePeriodSeconds,
        Description = "Seconds ECS ignores failing load balancer health checks of a new task (a broker needs a while to start); used only with target groups.")]
    int HealthCheckGracePeriodSeconds = ClientAccessSpec.DefaultHealthCheckGracePeriodSeconds)
{
    public const int DefaultHealthCheckGracePeriodSeconds = 300;

    public static ClientAccessSpec Default { get; } = new([], null);

    /// <summary>The gateway's Cloud Map service name: the spec's, or <c>{cluster}-gateway</c>.</summary>
    public string GatewayServiceName(string clusterName) => ServiceName ?? $"{clusterName}-gateway";
}

public sealed record TargetGroupSpec(
    [SpecField(
        Pattern = SpecPatterns.TargetGroupArnPattern,
        Example = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/orders-grpc/0123456789abcdef",
        Description = "Target group ARN (target type ip).")]
    string TargetGroupArn,
    [SpecField(Minimum = 1, Maximum = 65535, Description = "The broker container port it serves: 26500 (gRPC), 8080 (REST), 9600, 26501 or 26502.")]
    int ContainerPort);

/// <summary>Which broker configuration names to render; <see cref="Auto"/> decides from the image tag.</summary>
public enum EnvironmentNaming
{
    Auto,
    Unified,
    Legacy,
}
