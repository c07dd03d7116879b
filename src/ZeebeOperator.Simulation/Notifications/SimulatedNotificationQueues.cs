using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Notifications;

/// <summary>One message a simulated notifications queue holds.</summary>
public sealed record SentQueueMessage(string QueueUrl, string MessageId, QueueMessage Message, DateTimeOffset At);

/// <summary>
/// SQS queues that notifications are sent to, in memory, as strict as SQS: a queue must be created first (else
/// <c>AWS.SimpleQueueService.NonExistentQueue</c>); a FIFO queue (<c>.fifo</c>) needs a <c>MessageGroupId</c>
/// (<c>MissingParameter</c>) and, without content-based deduplication, a <c>MessageDeduplicationId</c>, and drops a
/// message whose deduplication id it took in the last 5 minutes; a standard queue refuses a deduplication id; at most
/// 10 message attributes. A queue can be made to deny the operator (<c>AccessDenied</c>); injected faults (e.g.
/// <c>FailNext("sqs:SendMessage", Throttled)</c>) come first.
/// </summary>
public sealed class SimulatedNotificationQueues(SimulationContext context) : INotificationQueue
{
    public const string Service = "sqs";

    /// <summary>How long a FIFO queue remembers a deduplication id.</summary>
    public static readonly TimeSpan DeduplicationInterval = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Creates a queue (no-op when it exists) and returns its URL, as SQS builds it.</summary>
    public string Create(string name, bool contentBasedDeduplication = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var url = $"https://sqs.{context.Options.Region}.amazonaws.com/{context.Options.AccountId}/{name}";
        lock (_gate)
        {
            _queues.TryAdd(url, new Queue(contentBasedDeduplication));
        }

        return url;
    }

    /// <summary>From now on, SendMessage to <paramref name="queueUrl"/> is refused (or allowed again) as IAM would.</summary>
    public void Deny(string queueUrl, bool denied = true)
    {
        lock (_gate)
        {
            QueueAt(queueUrl).Denied = denied;
        }
    }

    /// <summary>The messages a queue took, oldest first.</summary>
    public IReadOnlyList<SentQueueMessage> Messages(string queueUrl)
    {
        lock (_gate)
        {
            return [.. QueueAt(queueUrl).Messages];
        }
    }

    public Task SendAsync(string queueUrl, QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return context.InvokeAsync(Service, "SendMessage", mutating: true, () => Send(queueUrl, message), cancellationToken);
    }

    private bool Send(string queueUrl, QueueMessage message)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(queueUrl, out var queue))
            {
                throw Error(AwsErrorKind.NotFound, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
            }

            if (queue.Denied)
            {
                throw Error(AwsErrorKind.AccessDenied, "AccessDenied", $"User: arn:aws:sts::{context.Options.AccountId}:assumed-role/zeebe-operator-task is not authorized to perform: sqs:sendmessage on resource: {queueUrl} because no identity-based policy allows the sqs:sendmessage action");
            }

            Validate(queueUrl, queue, message);
            var now = context.Time.GetUtcNow();
            if (message.MessageDeduplicationId is { } deduplicationId)
            {
                if (queue.Seen.TryGetValue(deduplicationId, out var at) && now - at < DeduplicationInterval)
                {
                    return true;
                }

                queue.Seen[deduplicationId] = now;
            }

            queue.Messages.Add(new SentQueueMessage(queueUrl, $"msg-{Interlocked.Increment(ref _sequence)}", message, now));
            return true;
        }
    }

    private static void Validate(string queueUrl, Queue queue, QueueMessage message)
    {
        var fifo = queueUrl.EndsWith(".fifo", StringComparison.Ordinal);
        if (fifo && string.IsNullOrEmpty(message.MessageGroupId))
        {
            throw Error(AwsErrorKind.InvalidParameter, "MissingParameter", "The request must contain the parameter MessageGroupId.");
        }

        if (fifo && !queue.ContentBasedDeduplication && string.IsNullOrEmpty(message.MessageDeduplicationId))
        {
            throw Error(AwsErrorKind.InvalidParameter, "InvalidParameterValue", "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        }

        if (!fifo && message.MessageDeduplicationId is not null)
        {
            throw Error(AwsErrorKind.InvalidParameter, "InvalidParameterValue", "The request include parameter that is not valid for this queue type");
        }

        if (message.Attributes.Count > 10)
        {
            throw Error(AwsErrorKind.InvalidParameter, "InvalidParameterValue", $"Number of message attributes [{message.Attributes.Count}] exceeds the allowed maximum [10].");
        }

        if (string.IsNullOrEmpty(message.Body))
        {
            throw Error(AwsErrorKind.InvalidParameter, "MissingParameter", "The request must contain the parameter MessageBody.");
        }
    }

    private Queue QueueAt(string queueUrl) =>
        _queues.TryGetValue(queueUrl, out var queue) ? queue : throw new ArgumentException($"no simulated queue {queueUrl}", nameof(queueUrl));

    private static AwsApiException Error(AwsErrorKind kind, string code, string message) => AwsErrors.Create(Service, "SendMessage", kind, code, message);

    private sealed class Queue(bool contentBasedDeduplication)
    {
        public bool ContentBasedDeduplication { get; } = contentBasedDeduplication;

        public bool Denied { get; set; }

        public List<SentQueueMessage> Messages { get; } = [];

        public Dictionary<string, DateTimeOffset> Seen { get; } = new(StringComparer.Ordinal);
    }
}
