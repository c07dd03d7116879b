namespace ZeebeOperator.Core.Spec;

/// <summary>A <c>ZeebeCluster</c> spec as a user commits it: the operator's equivalent of a custom resource.</summary>
public sealed record ZeebeClusterDocument(string ApiVersion, string Kind, ObjectMeta Metadata, ZeebeClusterSpec Spec)
{
    public const string CurrentApiVersion = "zeebe.camunda.io/v1alpha1";
    public const string ResourceKind = "ZeebeCluster";

    public string Name => Metadata.Name;
}

/// <param name="Name">The cluster's name: a DNS label that prefixes every AWS resource of the cluster.</param>
/// <param name="Generation">Bumped by every change of the spec; status reports the generation it last acted on.</param>
/// <param name="DeletionRequested">The explicit, and only, way to ask for a teardown.</param>
public sealed record ObjectMeta(
    string Name,
    long Generation,
    IReadOnlyDictionary<string, string> Labels,
    bool DeletionRequested = false);

public sealed record ZeebeClusterSpec(
    string Image,
    int ClusterSize,
    int PartitionCount,
    int ReplicationFactor,
    ResourceRequirements Resources,
    PlacementSpec Placement,
    ServiceDiscoverySpec ServiceDiscovery,
    StorageSpec Storage,
    IReadOnlyDictionary<string, string> Env,
    UpdateStrategySpec UpdateStrategy,
    EnvironmentNaming EnvironmentNaming = EnvironmentNaming.Auto);

/// <param name="Cpu">ECS CPU units (1024 = one vCPU).</param>
/// <param name="Memory">MiB.</param>
public sealed record ResourceRequirements(int Cpu, int Memory);

public enum LaunchType
{
    Fargate,
    Ec2,
}

/// <param name="EcsCluster">Name or ARN of the ECS cluster the brokers run in.</param>
/// <param name="LaunchType">Used when <paramref name="CapacityProvider"/> is not set.</param>
/// <param name="CapacityProvider">A capacity provider name; replaces the launch type when set.</param>
public sealed record PlacementSpec(
    string EcsCluster,
    IReadOnlyList<string> Subnets,
    IReadOnlyList<string> SecurityGroups,
    LaunchType LaunchType,
    string? CapacityProvider,
    bool AssignPublicIp,
    string ExecutionRoleArn,
    string? TaskRoleArn,
    string LogGroup,
    string? LogRegion);

/// <param name="NamespaceId">The Cloud Map private DNS namespace (<c>ns-…</c>).</param>
/// <param name="NamespaceName">Its DNS name, e.g. <c>zeebe.internal</c>: brokers are <c>{cluster}-broker-{n}.{NamespaceName}</c>.</param>
public sealed record ServiceDiscoverySpec(string NamespaceId, string NamespaceName, int DnsTtlSeconds = 10);

public enum DataRetention
{
    /// <summary>Access points (and so the brokers' data) outlive the cluster.</summary>
    Retain,

    /// <summary>Access points are deleted with the cluster when deletion is requested.</summary>
    Delete,
}

/// <param name="RootDirectory">Parent directory on the file system; node n lives in <c>{RootDirectory}/node-{n}</c>.</param>
/// <param name="Permissions">Octal permissions for directories EFS creates, e.g. <c>0750</c>.</param>
public sealed record StorageSpec(
    string FileSystemId,
    string RootDirectory,
    PosixIdentity PosixUser,
    string Permissions = "0750",
    DataRetention Retention = DataRetention.Retain);

public sealed record PosixIdentity(long Uid, long Gid);

public sealed record UpdateStrategySpec(UpdateStrategyType Type, MaintenanceWindowSpec? MaintenanceWindow)
{
    public static UpdateStrategySpec Default { get; } = new(UpdateStrategyType.RollingUpdate, null);
}

public enum UpdateStrategyType
{
    RollingUpdate,
}

/// <param name="Schedule">A Quartz cron expression for when the window opens.</param>
/// <param name="Duration">How long the window stays open.</param>
public sealed record MaintenanceWindowSpec(string Schedule, TimeSpan Duration);

/// <summary>Which broker configuration names to render; <see cref="Auto"/> decides from the image tag.</summary>
public enum EnvironmentNaming
{
    Auto,
    Unified,
    Legacy,
}
