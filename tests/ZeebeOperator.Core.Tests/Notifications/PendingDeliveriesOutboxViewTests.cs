using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>
/// What a refresh learns from the outbox about tasks another instance (a previous leader) finished, and which waiting
/// attempt is reported as the next one due.
/// </summary>
public sealed class PendingDeliveriesOutboxViewTests
{
    private static readonly DateTimeOffset Now = OperatorHarness.Start;

    private static readonly SubscriberTask TaskA = new("ecs", "orders", "arn:task/a", "10.0.0.1", 8080, "/notify");
    private static readonly SubscriberTask TaskB = new("ecs", "orders", "arn:task/b", "10.0.0.2", 8080, "/notify");

    private static readonly ClusterNotification Ready = new("e1", NotificationTypes.Ready, "orders", 1, Now, []);

    private static (OutboxEntry, IReadOnlyList<SubscriberTask>)[] View(IEnumerable<string> done, params SubscriberTask[] targets) =>
        [(new OutboxEntry(Ready, new HashSet<string>(done, StringComparer.Ordinal), new Dictionary<string, DeliveryRetry>(StringComparer.Ordinal)), targets)];

    [Fact]
    public void A_task_the_outbox_marks_done_after_the_event_was_first_read_gets_no_more_attempts()
    {
        var pending = new PendingDeliveries();
        pending.Refresh(View([], TaskA, TaskB));

        Assert.Empty(pending.Refresh(View([TaskA.Key], TaskA, TaskB)));

        Assert.True(pending.TryStartWorker(10, Now, out var delivery));
        Assert.Equal(TaskB.Key, delivery!.Task.Key);
        Assert.False(pending.TryStartWorker(10, Now, out _));
    }

    [Fact]
    public void An_event_the_outbox_marks_done_by_every_task_after_it_was_first_read_is_claimed_for_completion()
    {
        var pending = new PendingDeliveries();
        Assert.Empty(pending.Refresh(View([], TaskA)));

        Assert.Equal(["e1"], pending.Refresh(View([TaskA.Key], TaskA)).Select(e => e.EventId));
    }

    [Fact]
    public void A_retry_due_exactly_now_is_left_to_the_workers_and_is_not_the_next_due_time()
    {
        var pending = new PendingDeliveries();
        pending.Refresh(View([], TaskA));
        Assert.True(pending.TryStartWorker(10, Now, out var taken));
        var dueAt = Now + TimeSpan.FromSeconds(5);
        pending.Retry(taken!, new DeliveryRetry(1, Now, dueAt));

        Assert.Equal(dueAt, pending.NextDue(dueAt - TimeSpan.FromTicks(1)));
        Assert.Null(pending.NextDue(dueAt));
    }
}
