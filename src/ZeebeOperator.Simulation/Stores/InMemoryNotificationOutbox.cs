using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>The notifications outbox in the simulated table: conditional puts by event id, pending ones oldest first.</summary>
public sealed class InMemoryNotificationOutbox(SimulationContext context) : INotificationOutbox
{
    private const string Service = AwsServices.DynamoDb;

    private readonly Lock _gate = new();
    private readonly List<Item> _items = [];

    /// <summary>Every event ever written, completed ones included (inspection, outside the call log).</summary>
    public IReadOnlyList<ClusterNotification> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _items.Select(i => i.Notification)];
            }
        }
    }

    public bool IsCompleted(string eventId)
    {
        lock (_gate)
        {
            return _items.Single(i => i.Notification.EventId == eventId).Completed;
        }
    }

    public Task<bool> AddAsync(ClusterNotification notification, CancellationToken cancellationToken) =>
        Invoke("PutItem", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            ArgumentNullException.ThrowIfNull(notification);
            if (_items.Any(i => i.Notification.EventId == notification.EventId))
            {
                return false;
            }

            _items.Add(new Item(notification));
            return true;
        });

    public Task<IReadOnlyList<OutboxEntry>> PendingAsync(int limit, CancellationToken cancellationToken) =>
        Invoke("Query", mutating: false, cancellationToken: cancellationToken, body: () =>
        {
            if (limit < 1)
            {
                throw AwsErrors.Create(Service, "Query", AwsErrorKind.InvalidParameter, "ValidationException", "Limit must be greater than or equal to 1.");
            }

            return (IReadOnlyList<OutboxEntry>)[.. _items.Where(i => !i.Completed).Take(limit)
                .Select(i => new OutboxEntry(
                    i.Notification,
                    new HashSet<string>(i.Done, StringComparer.Ordinal),
                    new Dictionary<string, DeliveryRetry>(i.Retries, StringComparer.Ordinal)))];
        });

    /// <summary>As DynamoDB's conditional update: a retry with no more attempts than the stored one changes nothing.</summary>
    public Task RecordRetryAsync(string eventId, string subscriberTask, DeliveryRetry retry, CancellationToken cancellationToken) =>
        Invoke("UpdateItem", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            ArgumentNullException.ThrowIfNull(retry);
            var item = Find(eventId);
            if (!item.Retries.TryGetValue(subscriberTask, out var stored) || stored.Attempts < retry.Attempts)
            {
                item.Retries[subscriberTask] = retry;
            }

            return true;
        });

    public Task MarkDoneAsync(string eventId, string subscriberTask, CancellationToken cancellationToken) =>
        Invoke("UpdateItem", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            var item = Find(eventId);
            item.Retries.Remove(subscriberTask);
            return item.Done.Add(subscriberTask);
        });

    public Task CompleteAsync(string eventId, CancellationToken cancellationToken) =>
        Invoke("UpdateItem", mutating: true, cancellationToken: cancellationToken, body: () => Find(eventId).Completed = true);

    // UpdateItem on a missing key would create it; the outbox only ever updates items it wrote, so a miss is a bug.
    private Item Find(string eventId) =>
        _items.SingleOrDefault(i => i.Notification.EventId == eventId)
        ?? throw AwsErrors.Create(Service, "UpdateItem", AwsErrorKind.InvalidParameter, "ConditionalCheckFailedException", $"The conditional request failed: no outbox item {eventId}.");

    private Task<T> Invoke<T>(string operation, bool mutating, Func<T> body, CancellationToken cancellationToken) =>
        context.InvokeAsync(Service, operation, mutating, () =>
        {
            lock (_gate)
            {
                return body();
            }
        }, cancellationToken);

    private sealed class Item(ClusterNotification notification)
    {
        public ClusterNotification Notification { get; } = notification;

        public HashSet<string> Done { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, DeliveryRetry> Retries { get; } = new(StringComparer.Ordinal);

        public bool Completed { get; set; }
    }
}
