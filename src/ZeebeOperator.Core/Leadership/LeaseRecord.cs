namespace ZeebeOperator.Core.Leadership;

/// <summary>
/// The leader lease as stored. <see cref="FencingToken"/> grows by one with every new leadership term (renewals
/// keep it), so a stale leader's token is always lower than the current one's.
/// </summary>
/// <param name="Holder">The identity of the instance that holds (or last held) the lease.</param>
/// <param name="AcquiredAt">When the current term began.</param>
/// <param name="RenewedAt">The holder's clock when it last renewed (or acquired).</param>
/// <param name="ExpiresAt">When others may take the lease; <see cref="DateTimeOffset.UnixEpoch"/> once released.</param>
public sealed record LeaseRecord(
    string Name,
    string Holder,
    long FencingToken,
    DateTimeOffset AcquiredAt,
    DateTimeOffset RenewedAt,
    DateTimeOffset ExpiresAt)
{
    public static DateTimeOffset ReleasedExpiry { get; } = DateTimeOffset.UnixEpoch;

    public bool IsReleased => ExpiresAt == ReleasedExpiry;

    /// <summary>Whether the holder still holds it at <paramref name="now"/> (neither expired nor released).</summary>
    public bool IsHeldAt(DateTimeOffset now) => ExpiresAt > now;

    /// <summary>Whether <paramref name="candidate"/> may take it at <paramref name="now"/>: free, expired, or its own.</summary>
    public bool IsAcquirableBy(string candidate, DateTimeOffset now) => !IsHeldAt(now) || Holder == candidate;

    /// <summary>The record a successful acquisition by <paramref name="holder"/> writes over <paramref name="observed"/> (null: no lease yet).</summary>
    public static LeaseRecord Acquired(string name, string holder, LeaseRecord? observed, DateTimeOffset now, TimeSpan duration) =>
        new(name, holder, (observed?.FencingToken ?? 0) + 1, now, now, now + duration);

    public LeaseRecord RenewedAtTime(DateTimeOffset now, TimeSpan duration) => this with { RenewedAt = now, ExpiresAt = now + duration };

    public LeaseRecord Released() => this with { ExpiresAt = ReleasedExpiry };
}

/// <summary>An attempt to take the lease.</summary>
/// <param name="Observed">The record the candidate read and judged acquirable (null: none existed). The write is
/// conditional on the stored record still being exactly this one, so of two racing candidates only one wins.</param>
public sealed record LeaseAcquisition(string Name, string Candidate, DateTimeOffset Now, TimeSpan Duration, LeaseRecord? Observed);
