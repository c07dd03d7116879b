namespace ZeebeOperator.Core.Leadership;

public enum LeadershipRole
{
    /// <summary>Not started yet, or stopped.</summary>
    Stopped,

    /// <summary>Waiting for the lease; trying every retry period.</summary>
    Standby,

    Leader,

    /// <summary>Leader election is off: this instance always acts.</summary>
    Unelected,
}

/// <summary>A leadership term: its fencing token, and a token cancelled the moment the term ends.</summary>
public sealed record LeadershipTerm(long FencingToken, CancellationToken Lost);

/// <summary>What this instance knows about the lease, for health and status output.</summary>
/// <param name="Holder">The lease's current holder as last read (null: unknown or free).</param>
/// <param name="LastStoreContact">When the lease store last answered (null: never).</param>
public sealed record LeadershipSnapshot(
    string Identity,
    LeadershipRole Role,
    bool IsLeader,
    long? FencingToken,
    string? Holder,
    DateTimeOffset? LastStoreContact,
    DateTimeOffset? LastLoopRun);

/// <summary>Whether this instance leads now. Read by the reconcile worker, the health endpoints and metrics.</summary>
public interface ILeadership
{
    /// <summary>True only while leading within the renew deadline (checked against the clock, not just the last timer).</summary>
    bool IsLeader { get; }

    /// <summary>The current term's fencing token; null when not leading.</summary>
    long? FencingToken { get; }

    LeadershipSnapshot Snapshot();

    /// <summary>Completes when this instance leads; the term's <see cref="LeadershipTerm.Lost"/> is cancelled when it stops leading.</summary>
    Task<LeadershipTerm> WaitForLeadershipAsync(CancellationToken cancellationToken);
}
