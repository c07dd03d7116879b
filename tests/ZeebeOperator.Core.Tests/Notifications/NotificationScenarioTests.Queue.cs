using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation.Notifications;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary><c>Notify:QueueUrl</c>: every event is also sent to an SQS queue, as one more subscriber.</summary>
public sealed partial class NotificationScenarioTests
{
    [Fact]
    public async Task With_a_notify_queue_cluster_ready_reaches_the_subscriber_tasks_and_the_queue_with_the_same_body()
    {
        var tasks = await DeployListenerAsync(1);
        var queueUrl = _aws.NotificationQueues.Create("zeebe-notifications");
        using var withQueue = await ConvergedWithQueueAsync(queueUrl);

        await DeliverAsync(withQueue);

        var ready = Assert.Single(_aws.Outbox.All);
        Assert.True(_aws.Outbox.IsCompleted(ready.EventId));
        var posted = Assert.Single(Subscribers.ReceivedBy(tasks[0].Endpoint));
        var sent = Assert.Single(_aws.NotificationQueues.Messages(queueUrl)).Message;
        Assert.Equal(NotificationJson.Write(posted.Notification), sent.Body);
        Assert.Equal(ready.EventId, sent.Attributes[QueueSubscriberTransport.IdempotencyAttribute]);
        Assert.Equal(NotificationTypes.Ready, sent.Attributes[QueueSubscriberTransport.TypeAttribute]);
        Assert.Null(sent.MessageGroupId);
        Assert.Null(sent.MessageDeduplicationId);
        var audited = Assert.Single(_aws.Audit.All, r => r.Action == NotificationDelivery.AuditAction && r.Resource.Contains(queueUrl, StringComparison.Ordinal));
        Assert.Equal(AuditPhase.Succeeded, audited.Phase);
    }

    [Fact]
    public async Task The_queue_is_told_even_with_no_subscriber_task_and_once_for_a_cluster_notifying_two_ecs_clusters()
    {
        var queueUrl = _aws.NotificationQueues.Create("zeebe-notifications");
        _operator.Commit(WithNotify(new NotifySpec(Enabled: true, EcsClusters: ["arn:aws:ecs:eu-west-1:123456789012:cluster/gateways"])));
        _committed = true;
        using var withQueue = await ConvergedWithQueueAsync(queueUrl);

        await DeliverAsync(withQueue);

        var ready = Assert.Single(_aws.Outbox.All);
        Assert.Equal(ready.EventId, Assert.Single(_aws.NotificationQueues.Messages(queueUrl)).Message.Attributes[QueueSubscriberTransport.IdempotencyAttribute]);
        Assert.True(_aws.Outbox.IsCompleted(ready.EventId));
    }

    [Fact]
    public async Task A_throttled_SendMessage_is_retried_with_backoff_and_then_delivered()
    {
        var queueUrl = _aws.NotificationQueues.Create("zeebe-notifications");
        using var withQueue = await ConvergedWithQueueAsync(queueUrl);
        _aws.Faults.FailNext("sqs:SendMessage", AwsErrorKind.Throttled, count: 2, errorCode: "RequestThrottled");

        await DeliverAsync(withQueue, TimeSpan.FromMinutes(5));

        Assert.Single(_aws.NotificationQueues.Messages(queueUrl));
        Assert.Equal(3, _aws.Calls.Snapshot().Count(c => c.Operation == "SendMessage"));
        Assert.True(_aws.Outbox.IsCompleted(_aws.Outbox.All[0].EventId));
        var audited = Assert.Single(_aws.Audit.All, r => r.Action == NotificationDelivery.AuditAction);
        Assert.Equal(AuditPhase.Succeeded, audited.Phase);
        Assert.Contains("after 3 attempt(s)", audited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_that_denies_access_is_not_asked_again_and_the_refusal_is_audited()
    {
        var queueUrl = _aws.NotificationQueues.Create("zeebe-notifications");
        _aws.NotificationQueues.Deny(queueUrl);
        using var withQueue = await ConvergedWithQueueAsync(queueUrl);

        await DeliverAsync(withQueue, TimeSpan.FromMinutes(10));

        Assert.Equal(1, _aws.Calls.Snapshot().Count(c => c.Operation == "SendMessage"));
        Assert.True(_aws.Outbox.IsCompleted(_aws.Outbox.All[0].EventId));
        var failed = Assert.Single(_aws.Audit.All, r => r.Action == NotificationDelivery.AuditAction);
        Assert.Equal(AuditPhase.Failed, failed.Phase);
        Assert.Contains(queueUrl, failed.Resource, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("sqs:SendMessage", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_is_a_final_failure_naming_the_setting()
    {
        using var withQueue = await ConvergedWithQueueAsync("https://sqs.us-east-1.amazonaws.com/000000000000/no-such-queue");

        await DeliverAsync(withQueue, TimeSpan.FromMinutes(10));

        var failed = Assert.Single(_aws.Audit.All, r => r.Action == NotificationDelivery.AuditAction);
        Assert.Equal(AuditPhase.Failed, failed.Phase);
        Assert.Contains("AWS.SimpleQueueService.NonExistentQueue", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("Notify:QueueUrl", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_FIFO_queue_gets_the_event_id_as_deduplication_id_and_the_cluster_as_message_group()
    {
        var queueUrl = _aws.NotificationQueues.Create("zeebe-notifications.fifo");
        using var withQueue = await ConvergedWithQueueAsync(queueUrl);

        await DeliverAsync(withQueue);

        var ready = Assert.Single(_aws.Outbox.All);
        var sent = Assert.Single(_aws.NotificationQueues.Messages(queueUrl)).Message;
        Assert.Equal(("orders", ready.EventId), (sent.MessageGroupId, sent.MessageDeduplicationId));
        Assert.True(_aws.Outbox.IsCompleted(ready.EventId));
    }

    [Fact]
    public async Task The_simulated_FIFO_queue_refuses_a_message_without_a_group_as_SQS_does()
    {
        var queueUrl = _aws.NotificationQueues.Create("strict.fifo");

        var refused = await Assert.ThrowsAsync<AwsApiException>(() =>
            _aws.NotificationQueues.SendAsync(queueUrl, new QueueMessage("{}", new Dictionary<string, string>(), MessageDeduplicationId: "e-1"), CancellationToken.None));
        var standard = await Assert.ThrowsAsync<AwsApiException>(() =>
            _aws.NotificationQueues.SendAsync(_aws.NotificationQueues.Create("standard"), new QueueMessage("{}", new Dictionary<string, string>(), MessageDeduplicationId: "e-1"), CancellationToken.None));

        Assert.Equal(("MissingParameter", AwsErrorKind.InvalidParameter), (refused.ErrorCode, refused.Kind));
        Assert.Equal("InvalidParameterValue", standard.ErrorCode);
    }

    [Theory]
    [InlineData("zeebe-notifications")]
    [InlineData("sqs://queue")]
    public void A_notify_queue_that_is_not_an_http_url_is_refused_naming_the_key(string queueUrl)
    {
        using var withQueue = WithQueue(queueUrl);

        var error = Assert.Throws<OptionsValidationException>(() => withQueue.Services.GetRequiredService<NotificationDelivery>());

        Assert.Contains($"Notify:QueueUrl must be an absolute http(s) SQS queue URL", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.Contains($"(was '{queueUrl}')", error.Failures.Single(), StringComparison.Ordinal);
    }

    /// <summary>The cluster converged by the operator without a queue, then an operator with one that has read its spec.</summary>
    private async Task<OperatorHarness> ConvergedWithQueueAsync(string queueUrl)
    {
        await ConvergeAsync();
        var withQueue = WithQueue(queueUrl);
        await withQueue.ReconcileAsync();
        return withQueue;
    }

    private OperatorHarness WithQueue(string queueUrl) =>
        new(_aws, _time, ZeebeStub.Members(0, 1, 2), settings: new Dictionary<string, string?> { ["Notify:QueueUrl"] = queueUrl });
}
