namespace ZeebeOperator.Core.Ports;

/// <summary>One notification as a queue message: the body, its string attributes, and a FIFO queue's two ids.</summary>
/// <param name="Body">The same JSON an HTTP subscriber is POSTed.</param>
/// <param name="Attributes">String message attributes (name → value).</param>
/// <param name="MessageGroupId">A FIFO queue's ordering group; null for a standard queue.</param>
/// <param name="MessageDeduplicationId">A FIFO queue's deduplication id; null for a standard queue.</param>
public sealed record QueueMessage(string Body, IReadOnlyDictionary<string, string> Attributes, string? MessageGroupId = null, string? MessageDeduplicationId = null);

/// <summary>
/// The queue notifications are also published to (<c>Notify:QueueUrl</c>; SQS in production), for consumers that
/// prefer a queue to an HTTP endpoint.
/// </summary>
public interface INotificationQueue
{
    /// <summary>Sends one message; an unknown queue, a refused permission or a message the queue does not take is an error.</summary>
    [AwsOperation("sqs", "SendMessage", Mutates = true)]
    Task SendAsync([Target] string queueUrl, QueueMessage message, CancellationToken cancellationToken);
}
