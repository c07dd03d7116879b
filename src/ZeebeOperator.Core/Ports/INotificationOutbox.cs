using ZeebeOperator.Core.Notifications;

namespace ZeebeOperator.Core.Ports;

/// <summary>An event in the outbox, the subscriber tasks that have had their final outcome for it, and where the others' retries stand.</summary>
/// <param name="Done">Keys of the subscriber tasks (<see cref="SubscriberTask.Key"/>) that need nothing more.</param>
/// <param name="Retries">By subscriber task key: the tasks whose attempts failed so far and that are to be tried again.</param>
public sealed record OutboxEntry(ClusterNotification Notification, IReadOnlySet<string> Done, IReadOnlyDictionary<string, DeliveryRetry> Retries);

/// <summary>Where one task's retries of one event stand; kept in the outbox so that a successor continues the backoff.</summary>
/// <param name="Attempts">The failed attempts so far.</param>
/// <param name="FirstFailedAt">When the first of them failed: the give-up budget counts from here.</param>
/// <param name="DueAt">When the next attempt is due.</param>
public sealed record DeliveryRetry(int Attempts, DateTimeOffset FirstFailedAt, DateTimeOffset DueAt);

/// <summary>
/// The notifications outbox (DynamoDB in production): an event is written here before anyone is told, so a crash
/// or a handover between detecting it and delivering it means it is delivered later, never lost.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>Writes the event unless one with its id is already there (a conditional put); false when it was.</summary>
    [AwsOperation("dynamodb", "PutItem", Mutates = true)]
    Task<bool> AddAsync([Target(nameof(ClusterNotification.EventId))] ClusterNotification notification, CancellationToken cancellationToken);

    /// <summary>Events not yet completed, oldest first, at most <paramref name="limit"/>.</summary>
    [AwsOperation("dynamodb", "Query")]
    Task<IReadOnlyList<OutboxEntry>> PendingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failed attempt of <paramref name="subscriberTask"/> and when it is tried again. A retry with fewer
    /// attempts than the one stored (written late by a deposed leader) changes nothing.
    /// </summary>
    [AwsOperation("dynamodb", "UpdateItem", Mutates = true)]
    Task RecordRetryAsync([Target] string eventId, string subscriberTask, DeliveryRetry retry, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="subscriberTask"/> needs nothing more for the event (delivered, or failed for good).</summary>
    [AwsOperation("dynamodb", "UpdateItem", Mutates = true)]
    Task MarkDoneAsync([Target] string eventId, string subscriberTask, CancellationToken cancellationToken);

    /// <summary>Takes the event out of the pending ones: every subscriber task has its final outcome.</summary>
    [AwsOperation("dynamodb", "UpdateItem", Mutates = true)]
    Task CompleteAsync([Target] string eventId, CancellationToken cancellationToken);
}
