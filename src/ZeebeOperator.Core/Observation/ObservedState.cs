using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Observation;

/// <summary>Whether a resource with our name exists, and if so whether it is ours.</summary>
public enum Presence
{
    Absent,
    Owned,

    /// <summary>Exists under our name without our ownership tags: never touched.</summary>
    Foreign,
}

/// <summary>A resource as observed: absent, ours, or someone else's that is in the way.</summary>
/// <param name="Tags">The resource's tags as observed (they tell ownership, and which are missing).</param>
/// <param name="TagsRead">
/// False when the tags were not read this pass (ownership was established otherwise): missing tags are then
/// not inferred from <paramref name="Tags"/>, which is empty.
/// </param>
public sealed record Observed<T>(Presence Presence, T? Resource, IReadOnlyDictionary<string, string> Tags, bool TagsRead = true)
    where T : class
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    public static Observed<T> Absent { get; } = new(Presence.Absent, null, NoTags);

    public static Observed<T> Owned(T resource, IReadOnlyDictionary<string, string> tags) => new(Presence.Owned, resource, tags);

    /// <summary>Ours by reference; its tags were not read this pass.</summary>
    public static Observed<T> OwnedTagsUnread(T resource) => new(Presence.Owned, resource, NoTags, TagsRead: false);

    public static Observed<T> Foreign(T resource, IReadOnlyDictionary<string, string> tags) => new(Presence.Foreign, resource, tags);

    public T? OwnedResource => Presence == Presence.Owned ? Resource : null;
}

public sealed record ObservedNode(
    int NodeId,
    Observed<AccessPoint> AccessPoint,
    Observed<DiscoveryService> DiscoveryService,
    Observed<EcsService> Service,
    TaskDefinition? CurrentTaskDefinition,
    EcsTask? Task)
{
    public bool Exists => AccessPoint.Presence == Presence.Owned || DiscoveryService.Presence == Presence.Owned || Service.Presence == Presence.Owned;

    /// <summary>The service runs one task, of its current revision, and that task is not failing its health check.</summary>
    public bool IsRunning => Service.OwnedResource is { IsActive: true } service
        && Task is { LastStatus: EcsTaskStatus.Running, HealthStatus: not "UNHEALTHY" } task
        && task.TaskDefinitionArn == service.TaskDefinition;
}

/// <summary>
/// What Zeebe itself says: its topology, and (during a rolling update) each running broker's readiness and the
/// gateway's view of partition roles and health.
/// </summary>
/// <param name="Unavailable">Why the topology could not be read, when it could not.</param>
/// <param name="Gateway">The embedded gateway's topology (GET /v2/topology), read when a rolling update needs it.</param>
/// <param name="GatewayUnavailable">Why the gateway topology could not be read, when it was needed and could not.</param>
/// <param name="FollowedBackup">The backup in progress the status names, as Zeebe reports it now (null when not read).</param>
/// <param name="BackupUnavailable">Why that backup could not be read, when it could not.</param>
public sealed record ZeebeObservation(
    ClusterTopology? Topology,
    string? Unavailable,
    IReadOnlyDictionary<int, HealthReport> Readiness,
    GatewayTopology? Gateway = null,
    string? GatewayUnavailable = null,
    BackupInfo? FollowedBackup = null,
    string? BackupUnavailable = null)
{
    public static ZeebeObservation NoBrokerRunning { get; } = new(null, "no broker is running yet", new Dictionary<int, HealthReport>());
}

/// <summary>The cluster's gateway Cloud Map service and its instances (one per broker in it, id <c>node-{id}</c>).</summary>
/// <param name="Instances">Empty when the service is absent or not ours.</param>
public sealed record ObservedGateway(Observed<DiscoveryService> Service, IReadOnlyList<ServiceInstance> Instances)
{
    public static string InstanceIdOf(int nodeId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"node-{nodeId}");

    public ServiceInstance? InstanceOf(int nodeId) => Instances.FirstOrDefault(i => i.Id == InstanceIdOf(nodeId));
}

/// <param name="Nodes">Every node the spec wants, and every node of ours that still exists beyond it.</param>
/// <param name="Gateway">The gateway as observed; null when it was not observed (nothing is planned for it).</param>
public sealed record ObservedCluster(string ClusterName, IReadOnlyList<ObservedNode> Nodes, ZeebeObservation Zeebe, ObservedGateway? Gateway = null)
{
    public ObservedNode Node(int nodeId) => Nodes.First(n => n.NodeId == nodeId);
}
