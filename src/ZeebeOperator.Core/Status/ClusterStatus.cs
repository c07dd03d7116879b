namespace ZeebeOperator.Core.Status;

public enum ConditionStatus
{
    True,
    False,
    Unknown,
}

/// <summary>A Kubernetes-style condition: a type, a tri-state, a CamelCase reason and a human message.</summary>
public sealed record Condition(
    string Type,
    ConditionStatus Status,
    string Reason,
    string Message,
    DateTimeOffset LastTransitionTime)
{
    /// <summary>Same meaning, ignoring when it last changed.</summary>
    public bool SameAs(Condition other) =>
        Type == other.Type && Status == other.Status && Reason == other.Reason && Message == other.Message;
}

public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";
}

/// <summary>What the operator knows of one broker node.</summary>
/// <param name="TargetGroups">The target groups its ECS service registers its task in, as configured on the service.</param>
/// <param name="InGateway">Whether its task's address is registered in the cluster's gateway Cloud Map name (or asked to be, while Cloud Map applies it).</param>
/// <param name="GatewayRequestedAt">
/// When the operator last asked Cloud Map to register or deregister it (both are asynchronous): until Cloud Map shows
/// the result, within <see cref="Planning.Planner.CloudMapOperationGrace"/>, the request counts as in progress.
/// </param>
/// <param name="Address">The private IPv4 address of its running task, or while none runs the last one's (what subscribers are told).</param>
public sealed record NodeStatus(
    int NodeId,
    string DnsName,
    string? ServiceName,
    string? ServiceStatus,
    string? TaskDefinitionArn,
    string? RunningTaskArn,
    string? TaskStatus,
    string? AccessPointId,
    string? DiscoveryServiceId,
    bool Ready,
    IReadOnlyList<string>? TargetGroups = null,
    bool InGateway = false,
    DateTimeOffset? GatewayRequestedAt = null,
    string? Address = null)
{
    private (int, string, string?, string?, string?, string?, string?, string?, string?, bool, bool, DateTimeOffset?, string?) Scalars =>
        (NodeId, DnsName, ServiceName, ServiceStatus, TaskDefinitionArn, RunningTaskArn, TaskStatus, AccessPointId, DiscoveryServiceId, Ready, InGateway, GatewayRequestedAt, Address);

    /// <summary>
    /// Whether a (de)registration this status records is still being applied by Cloud Map for <paramref name="taskArn"/>:
    /// asked less than <paramref name="grace"/> before <paramref name="now"/>, for the same task.
    /// </summary>
    public bool GatewayRequestPending(string? taskArn, DateTimeOffset now, TimeSpan grace) =>
        GatewayRequestedAt is { } at && now - at < grace && taskArn is not null && RunningTaskArn == taskArn;

    /// <summary>By value, the target groups included (a record compares lists by reference).</summary>
    public bool Equals(NodeStatus? other) =>
        other is not null && Scalars == other.Scalars && (TargetGroups ?? []).SequenceEqual(other.TargetGroups ?? [], StringComparer.Ordinal);

    public override int GetHashCode() => Scalars.GetHashCode();
}

/// <summary>The Zeebe topology change the operator asked for most recently, and how far it got.</summary>
/// <param name="Operation">e.g. "add brokers 3,4".</param>
/// <param name="Status">IN_PROGRESS, COMPLETED, FAILED or CANCELLED, as Zeebe reports it.</param>
/// <param name="Generation">The spec generation that asked for it.</param>
/// <param name="RunningSince">
/// When the operator first saw the change running (Zeebe 8.8/8.9 do not say when a pending change started): the
/// stuck-change timeout counts from here, and a restart or handover keeps it.
/// </param>
/// <param name="ExpectedMembers">The broker IDs the change leads to (e.g. "0,1,2,3,4"), when known: a change no longer
/// reported by Zeebe is resolved by comparing them with the topology.</param>
public sealed record TopologyChangeStatus(
    long Id,
    string Operation,
    string Status,
    int CompletedOperations,
    int PendingOperations,
    long Generation,
    DateTimeOffset? RunningSince = null,
    string? ExpectedMembers = null);

/// <summary>
/// An access point the operator keeps, as <c>spec.storage.retention: Retain</c> says, for a node that is no longer
/// part of the cluster (deleted, or above <c>clusterSize</c>): the broker's data.
/// </summary>
public sealed record RetainedAccessPoint(int NodeId, string AccessPointId, string FileSystemId, string RootPath);

/// <summary>The status record of one cluster.</summary>
/// <param name="ObservedGeneration">The spec generation the operator last acted on.</param>
/// <param name="SpecETag">The ETag of the spec object that generation came from.</param>
/// <param name="Pending">Changes that wait their turn (rolling restart, maintenance window) and why.</param>
/// <param name="RetainedData">Access points kept for nodes that are not (or no longer) part of the cluster.</param>
/// <param name="Backups">The backups the operator took (<c>spec.backup</c>), and what the next one needs.</param>
public sealed record ClusterStatus(
    string ClusterName,
    long ObservedGeneration,
    string? SpecETag,
    IReadOnlyList<Condition> Conditions,
    IReadOnlyList<NodeStatus> Nodes,
    DateTimeOffset UpdatedAt,
    TopologyChangeStatus? TopologyChange = null,
    IReadOnlyList<string>? Pending = null,
    IReadOnlyList<RetainedAccessPoint>? RetainedData = null,
    BackupsStatus? Backups = null)
{
    public Condition? Find(string type) => Conditions.FirstOrDefault(c => c.Type == type);

    public bool IsReady => Find(ConditionTypes.Ready)?.Status == ConditionStatus.True;

    /// <summary>True when a write would change nothing a user could see (timestamps aside).</summary>
    public bool SameAs(ClusterStatus other) =>
        ClusterName == other.ClusterName
        && ObservedGeneration == other.ObservedGeneration
        && SpecETag == other.SpecETag
        && Conditions.Count == other.Conditions.Count
        && Conditions.Zip(other.Conditions).All(p => p.First.SameAs(p.Second))
        && Nodes.SequenceEqual(other.Nodes)
        && TopologyChange == other.TopologyChange
        && (Pending ?? []).SequenceEqual(other.Pending ?? [])
        && (RetainedData ?? []).SequenceEqual(other.RetainedData ?? [])
        && Backups == other.Backups;
}
