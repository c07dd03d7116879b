namespace ZeebeOperator.Core.Zeebe;

/// <summary>GET /actuator/cluster: the brokers the cluster counts as members and the change under way, if any.</summary>
public sealed record ClusterTopology(
    long Version,
    IReadOnlyList<BrokerMember> Brokers,
    TopologyChange? LastChange,
    TopologyChange? PendingChange)
{
    public IEnumerable<int> BrokerIds => Brokers.Select(b => b.Id);
}

/// <param name="State">ACTIVE, JOINING, LEAVING, LEFT or UNKNOWN, as Zeebe reports it.</param>
public sealed record BrokerMember(int Id, string State, string? Version, IReadOnlyList<PartitionMember> Partitions);

/// <param name="State">ACTIVE, JOINING, LEAVING or UNKNOWN.</param>
public sealed record PartitionMember(int Id, string State, int Priority);

public enum ChangeStatus
{
    InProgress,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>A topology change (GET /actuator/cluster/changes/{id}, or the pending/last change of the topology).</summary>
/// <param name="PendingOperations">Human-readable operations still to run, e.g. "broker 3 join partition 2".</param>
public sealed record TopologyChange(
    long Id,
    ChangeStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    int CompletedOperations,
    IReadOnlyList<string> PendingOperations);

/// <summary>202 answer to PATCH /actuator/cluster.</summary>
public sealed record ChangeAccepted(long ChangeId, IReadOnlyList<int> ExpectedBrokerIds, IReadOnlyList<string> PlannedOperations);

public enum HealthProbe
{
    Liveness,
    Readiness,
    Startup,
}

public enum ZeebeApiErrorKind
{
    /// <summary>409: another change is running.</summary>
    ChangeInProgress,

    /// <summary>400: the request is invalid (e.g. removing a broker that is not a member).</summary>
    InvalidRequest,

    /// <summary>404: unknown change id or endpoint.</summary>
    NotFound,

    /// <summary>The broker could not be reached or timed out.</summary>
    Unreachable,

    /// <summary>5xx.</summary>
    ServerError,
}

public sealed class ZeebeApiException(ZeebeApiErrorKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ZeebeApiErrorKind Kind { get; } = kind;
}
