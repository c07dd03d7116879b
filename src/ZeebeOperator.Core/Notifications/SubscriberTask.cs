using System.Globalization;

namespace ZeebeOperator.Core.Notifications;

/// <summary>A running task of a subscriber service, and where it takes notifications.</summary>
/// <param name="EcsCluster">The ECS cluster (name) the task runs in.</param>
/// <param name="Service">The subscriber's ECS service name.</param>
/// <param name="Address">The private IPv4 address that reaches it (its ENI's, or its EC2 instance's).</param>
/// <param name="Port">The port that reaches the container's notify port (the container port, or the mapped host port).</param>
/// <param name="Path">The task definition's <c>NOTIFY_ME_API_URI</c>, e.g. <c>/v1.0/notify</c>.</param>
public sealed record SubscriberTask(string EcsCluster, string Service, string TaskArn, string Address, int Port, string Path)
{
    /// <summary>What a queue subscriber's <see cref="Service"/> says.</summary>
    public const string QueueService = "notify-queue";

    /// <summary>What the outbox records a task as: its ARN (a replaced task is a new subscriber).</summary>
    public string Key => TaskArn;

    /// <summary>The queue this subscriber is (<c>Notify:QueueUrl</c>): it is sent a message, not POSTed. Null for a task.</summary>
    public Uri? Queue { get; init; }

    /// <summary>
    /// False for a running task whose address could not be looked up in this pass (its EC2 instance's, when an ECS or
    /// EC2 call failed): nothing is sent to it, and its events stay open until it is reached.
    /// </summary>
    public bool IsReachable => Address.Length > 0;

    public Uri Endpoint => Queue ?? new(string.Create(CultureInfo.InvariantCulture, $"http://{Address}:{Port}{Path}"));

    /// <summary>
    /// The notifications queue as a subscriber of <paramref name="ecsCluster"/>'s events: the same key in every ECS
    /// cluster, so an event is sent to it once.
    /// </summary>
    public static SubscriberTask ForQueue(string ecsCluster, Uri queueUrl)
    {
        ArgumentNullException.ThrowIfNull(queueUrl);
        return new SubscriberTask(ecsCluster, QueueService, queueUrl.AbsoluteUri, queueUrl.Host, queueUrl.Port, queueUrl.AbsolutePath) { Queue = queueUrl };
    }
}

/// <summary>How one POST ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>2xx.</summary>
    Delivered,

    /// <summary>4xx: the subscriber refuses it; asking again would not change its mind.</summary>
    Rejected,

    /// <summary>5xx, a connection error or a timeout: worth another try.</summary>
    Failed,
}

/// <param name="Detail">The status code or the error, for the audit trail.</param>
public sealed record DeliveryAttempt(DeliveryOutcome Outcome, string Detail)
{
    public static DeliveryAttempt OfStatus(int statusCode) => new(
        statusCode switch
        {
            >= 200 and < 300 => DeliveryOutcome.Delivered,
            >= 400 and < 500 => DeliveryOutcome.Rejected,
            _ => DeliveryOutcome.Failed,
        },
        string.Create(CultureInfo.InvariantCulture, $"HTTP {statusCode}"));
}

/// <summary>Sends one notification to one subscriber task (HTTP in production).</summary>
public interface ISubscriberTransport
{
    /// <summary>
    /// POSTs <paramref name="body"/> with the header <c>Idempotency-Key: eventId</c>. Connection errors are a
    /// <see cref="DeliveryOutcome.Failed"/> attempt; cancellation (the caller's timeout) throws.
    /// </summary>
    Task<DeliveryAttempt> SendAsync(SubscriberTask target, string eventId, string body, CancellationToken cancellationToken);
}

/// <summary>The subscriber tasks running now (ECS discovery in production).</summary>
public interface ISubscriberDirectory
{
    /// <summary>The subscriber tasks running in <paramref name="ecsClusters"/>.</summary>
    Task<IReadOnlyList<SubscriberTask>> SubscribersAsync(IReadOnlyList<string> ecsClusters, CancellationToken cancellationToken);
}
