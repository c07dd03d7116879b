namespace ZeebeOperator.Core.Ports;

/// <summary>One message taken from the events queue: its body, and the handle that deletes it.</summary>
public sealed record QueuedEvent(string MessageId, string ReceiptHandle, string Body);

/// <summary>
/// The events queue (SQS in production) that EventBridge rules and S3 notifications deliver to: long-polled, and each
/// message deleted once it has been acted on. Delivery is at least once and unordered; the operator treats every
/// message as a hint.
/// </summary>
public interface IEventQueue
{
    /// <summary>Up to <paramref name="maxMessages"/> messages, waiting up to <paramref name="waitTime"/> for the first (long poll); empty when none came.</summary>
    [AwsOperation("sqs", "ReceiveMessage")]
    Task<IReadOnlyList<QueuedEvent>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken);

    /// <summary>Deletes a received message; a handle that is no longer valid (the message was redelivered) is an error.</summary>
    [AwsOperation("sqs", "DeleteMessage", Mutates = true)]
    Task DeleteAsync([Target] string receiptHandle, CancellationToken cancellationToken);
}
