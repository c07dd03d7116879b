using ZeebeOperator.Core.Leadership;

namespace ZeebeOperator.Core.Ports;

/// <summary>
/// Where the leader lease lives. Every write is conditional, so the store, not the callers, decides races:
/// acquire only when the lease is free, expired or the candidate's own (and unchanged since it was read);
/// renew only while still the holder with the same fencing token; release only one's own.
/// Failures to reach the store throw (e.g. <see cref="AwsApiException"/>); a lost condition returns null/false.
/// </summary>
public interface ILeaseStore
{
    [AwsOperation("dynamodb", "GetItem")]
    Task<LeaseRecord?> ReadAsync([Target] string leaseName, CancellationToken cancellationToken);

    /// <summary>The new record (fencing token one above the observed one's), or null when the condition failed.</summary>
    [AwsOperation("dynamodb", "PutItem", Mutates = true)]
    Task<LeaseRecord?> TryAcquireAsync(LeaseAcquisition acquisition, CancellationToken cancellationToken);

    /// <summary>The renewed record, or null when <paramref name="held"/> is no longer the holder's term.</summary>
    [AwsOperation("dynamodb", "UpdateItem", Mutates = true)]
    Task<LeaseRecord?> TryRenewAsync(LeaseRecord held, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Frees the lease at once for a fast handover; false when it was not (or no longer) <paramref name="held"/>'s.</summary>
    [AwsOperation("dynamodb", "UpdateItem", Mutates = true)]
    Task<bool> ReleaseAsync(LeaseRecord held, CancellationToken cancellationToken);
}
