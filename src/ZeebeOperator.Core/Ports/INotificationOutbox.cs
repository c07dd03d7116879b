using ZeebeOperator.Core.Notifications;

namespace ZeebeOperator.Core.Ports;

/// <summary>An event in the outbox and the subscriber tasks that have had their final outcome for it.</summary>
/// <param name="Done">Keys of the subscriber tasks (<see cref="SubscriberTask.Key"/>) that need nothing more.</param>
public sealed record OutboxEntry(ClusterNotification Notification, IReadOnlySet<string> Done);

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

    /// <summary>Records that <paramref name="subscriberTask"/> needs nothing more for the event (delivered, or failed for good).</summary>
    [AwsOperation("dynamodb", "UpdateItem", Mutates = true)]
    Task MarkDoneAsync([Target] string eventId, string subscriberTask, CancellationToken cancellationToken);

    /// <summary>Takes the event out of the pending ones: every subscriber task has its final outcome.</summary>
    [AwsOperation("dynamodb", "UpdateItem", Mutates = true)]
    Task CompleteAsync([Target] string eventId, CancellationToken cancellationToken);
}
