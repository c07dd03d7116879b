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

public sealed record BrokerMember(int Id, MemberState State, string? Version, IReadOnlyList<PartitionMember> Partitions);

public sealed record PartitionMember(int Id, MemberState State, int Priority);

public enum ChangeStatus
{
    InProgress,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// The pending or last change of the topology (GET /actuator/cluster). On Zeebe 8.8/8.9 a pending change carries no
/// <paramref name="StartedAt"/>, and the last change (only the latest one) carries no operations.
/// </summary>
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

/// <summary>A health probe's answer: up or not, and the checks (Spring Boot health components) that are not UP.</summary>
public sealed record HealthReport(bool IsUp, IReadOnlyList<string> FailingChecks)
{
    public static HealthReport Up { get; } = new(true, []);

    /// <summary>"failing: brokerReady, searchEngine", or a note that the answer named none.</summary>
    public string DescribeFailure() =>
        FailingChecks.Count > 0 ? $"failing: {string.Join(", ", FailingChecks)}" : "no failing check named";
}

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

    /// <summary>The broker could not be reached (connection refused, name does not resolve, 502).</summary>
    Unreachable,

    /// <summary>
    /// 504, or no answer within the request timeout: the request may still have been carried out (a PATCH can be
    /// accepted after its caller gave up).
    /// </summary>
    Timeout,

    /// <summary>5xx.</summary>
    ServerError,
}

public sealed class ZeebeApiException(ZeebeApiErrorKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ZeebeApiErrorKind Kind { get; } = kind;
}

public enum MemberStateKind
{
    /// <summary>UNKNOWN, missing, or a state this operator does not know (Zeebe may add states).</summary>
    Unknown,
    Active,
    Joining,
    Leaving,
    Left,

    /// <summary>RECOVERING (newer lines): the broker or partition is recovering and not serving.</summary>
    Recovering,
}

/// <summary>
/// A broker's or partition's state as Zeebe reports it: decided on by <see cref="Kind"/>, shown by
/// <see cref="Name"/>, which keeps a state this operator does not know as Zeebe spelled it.
/// </summary>
public readonly record struct MemberState(MemberStateKind Kind, string Name)
{
    public static MemberState Active { get; } = new(MemberStateKind.Active, "ACTIVE");

    public static MemberState Joining { get; } = new(MemberStateKind.Joining, "JOINING");

    public static MemberState Leaving { get; } = new(MemberStateKind.Leaving, "LEAVING");

    public static MemberState Left { get; } = new(MemberStateKind.Left, "LEFT");

    public static MemberState Recovering { get; } = new(MemberStateKind.Recovering, "RECOVERING");

    public static MemberState Unknown { get; } = new(MemberStateKind.Unknown, "UNKNOWN");

    /// <summary>A state read from the wire, in any case; missing reads as UNKNOWN.</summary>
    public static MemberState Parse(string? state)
    {
        if (string.IsNullOrWhiteSpace(state))
        {
            return Unknown;
        }

        var name = state.Trim().ToUpperInvariant();
        return new MemberState(
            name switch
            {
                "ACTIVE" => MemberStateKind.Active,
                "JOINING" => MemberStateKind.Joining,
                "LEAVING" => MemberStateKind.Leaving,
                "LEFT" => MemberStateKind.Left,
                "RECOVERING" => MemberStateKind.Recovering,
                _ => MemberStateKind.Unknown,
            },
            name);
    }

    public override string ToString() => Name;
}
