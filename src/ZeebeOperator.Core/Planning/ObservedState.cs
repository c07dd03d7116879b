using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Planning;

/// <summary>Whether a resource with our name exists, and if so whether it is ours.</summary>
public enum Presence
{
    Absent,
    Owned,

    /// <summary>Exists under our name without our ownership tags: never touched.</summary>
    Foreign,
}

/// <summary>A resource as observed: absent, ours, or someone else's that is in the way.</summary>
public sealed record Observed<T>(Presence Presence, T? Resource)
    where T : class
{
    public static Observed<T> Absent { get; } = new(Presence.Absent, null);

    public static Observed<T> Owned(T resource) => new(Presence.Owned, resource);

    public static Observed<T> Foreign(T resource) => new(Presence.Foreign, resource);

    public T? OwnedResource => Presence == Presence.Owned ? Resource : null;
}

public sealed record ObservedNode(
    int NodeId,
    Observed<AccessPoint> AccessPoint,
    Observed<DiscoveryService> DiscoveryService,
    Observed<EcsService> Service,
    TaskDefinition? CurrentTaskDefinition,
    EcsTask? Task);

public sealed record ObservedCluster(string ClusterName, IReadOnlyList<ObservedNode> Nodes)
{
    public ObservedNode Node(int nodeId) => Nodes.First(n => n.NodeId == nodeId);
}
