using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Notifications;

/// <summary>
/// Sends a notification to the queue subscriber (<see cref="SubscriberTask.Queue"/>) as a queue message, and to every
/// other subscriber through <paramref name="tasks"/>. The message body is the POST's body; attributes carry the
/// event id (<see cref="IdempotencyAttribute"/>) and type (<see cref="TypeAttribute"/>); a FIFO queue (a name ending
/// in <c>.fifo</c>) gets the event id as its deduplication id and the cluster as its message group, so one cluster's
/// events stay in order. A throttled, unavailable or unreachable queue is a failed attempt (retried); a missing queue,
/// a refused permission or a message the queue does not take is final, like a 4xx.
/// </summary>
public sealed class QueueSubscriberTransport(ISubscriberTransport tasks, INotificationQueue queue) : ISubscriberTransport
{
    public const string IdempotencyAttribute = HttpSubscriberTransport.IdempotencyHeader;
    public const string TypeAttribute = "Event-Type";

    public async Task<DeliveryAttempt> SendAsync(SubscriberTask target, string eventId, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Queue is not { } queueUrl)
        {
            return await tasks.SendAsync(target, eventId, body, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await queue.SendAsync(queueUrl.AbsoluteUri, MessageOf(queueUrl, eventId, body), cancellationToken).ConfigureAwait(false);
            return new DeliveryAttempt(DeliveryOutcome.Delivered, "SQS SendMessage");
        }
        catch (AwsApiException e)
        {
            return new DeliveryAttempt(IsFinal(e.Kind) ? DeliveryOutcome.Rejected : DeliveryOutcome.Failed, Explain(e));
        }
    }

    public static bool IsFifo(Uri queueUrl)
    {
        ArgumentNullException.ThrowIfNull(queueUrl);
        return queueUrl.AbsolutePath.EndsWith(".fifo", StringComparison.Ordinal);
    }

    private static QueueMessage MessageOf(Uri queueUrl, string eventId, string body)
    {
        var notification = NotificationJson.Read(body);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [IdempotencyAttribute] = eventId,
            [TypeAttribute] = notification.Type,
        };
        return IsFifo(queueUrl)
            ? new QueueMessage(body, attributes, MessageGroupId: notification.Cluster, MessageDeduplicationId: eventId)
            : new QueueMessage(body, attributes);
    }

    private static bool IsFinal(AwsErrorKind kind) =>
        kind is AwsErrorKind.AccessDenied or AwsErrorKind.NotFound or AwsErrorKind.InvalidParameter or AwsErrorKind.AlreadyExists or AwsErrorKind.Conflict;

    private static string Explain(AwsApiException e) => e.Kind switch
    {
        AwsErrorKind.AccessDenied => $"SQS {e.ErrorCode}: {e.ErrorMessage} (the operator needs sqs:SendMessage on the queue)",
        AwsErrorKind.NotFound => $"SQS {e.ErrorCode}: the queue does not exist (check Notify:QueueUrl)",
        _ => $"SQS {e.ErrorCode}: {e.ErrorMessage}",
    };
}
