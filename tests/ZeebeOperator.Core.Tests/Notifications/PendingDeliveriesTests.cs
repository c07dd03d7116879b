using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>
/// The delivery engine's view of the pending events: workers, attempts in flight, retries, claims, and what a refresh
/// learns from the outbox about tasks another instance (a previous leader) finished.
/// </summary>
public sealed class PendingDeliveriesTests
{
    private static readonly DateTimeOffset Now = OperatorHarness.Start;

    private static readonly SubscriberTask TaskA = new("ecs", "orders", "arn:task/a", "10.0.0.1", 8080, "/notify");
    private static readonly SubscriberTask TaskB = new("ecs", "orders", "arn:task/b", "10.0.0.2", 8080, "/notify");

    private static ClusterNotification Event(string id) =>
        new(id, NotificationTypes.Ready, "orders", 1, Now, []);

    private static OutboxEntry Entry(ClusterNotification notification, IReadOnlyDictionary<string, DeliveryRetry>? retries = null, IEnumerable<string>? done = null) =>
        new(notification, new HashSet<string>(done ?? [], StringComparer.Ordinal), retries ?? new Dictionary<string, DeliveryRetry>(StringComparer.Ordinal));

    private static (OutboxEntry, IReadOnlyList<SubscriberTask>)[] View(OutboxEntry entry, params SubscriberTask[] targets) => [(entry, targets)];

    private static PendingDelivery Take(PendingDeliveries pending, DateTimeOffset at)
    {
        Assert.True(pending.TryStartWorker(10, at, out var delivery));
        return delivery!;
    }

    [Fact]
    public void A_worker_is_counted_when_it_starts_and_no_more_start_than_the_limit()
    {
        var pending = new PendingDeliveries();
        pending.Refresh(View(Entry(Event("e1")), TaskA, TaskB));

        Assert.True(pending.TryStartWorker(1, Now, out var first));
        Assert.Equal(1, pending.Workers);
        Assert.False(pending.TryStartWorker(1, Now, out var second));
        Assert.Null(second);
        Assert.Equal(1, pending.Workers);

        pending.StopWorker(first);
        Assert.Equal(0, pending.Workers);
    }

    [Fact]
    public void A_worker_that_stops_early_gives_its_attempt_back_to_the_next_worker()
    {
        var pending = new PendingDeliveries();
        pending.Refresh(View(Entry(Event("e1")), TaskA));
        var taken = Take(pending, Now);

        pending.StopWorker(taken);

        Assert.True(pending.TryStartWorker(10, Now, out var again));
        Assert.Equal(TaskA.Key, again!.Task.Key);
    }

    [Fact]
    public void An_event_with_nothing_left_to_deliver_is_claimed_once()
    {
        var pending = new PendingDeliveries();
        var view = View(Entry(Event("e1")));

        Assert.Equal(["e1"], pending.Refresh(view).Select(e => e.EventId));
        Assert.Empty(pending.Refresh(view));
    }

    [Fact]
    public void An_event_whose_completion_failed_is_claimed_again_by_the_next_refresh()
    {
        var pending = new PendingDeliveries();
        var view = View(Entry(Event("e1")));
        pending.Refresh(view);

        pending.Unclaim("e1");

        Assert.Equal(["e1"], pending.Refresh(view).Select(e => e.EventId));
    }

    [Fact]
    public void A_forgotten_event_gets_no_more_attempts_and_its_late_outcome_changes_nothing()
    {
        var pending = new PendingDeliveries();
        pending.Refresh(View(Entry(Event("e1")), TaskA, TaskB));
        var taken = Take(pending, Now);

        pending.Forget("e1");

        Assert.False(pending.TryStartWorker(10, Now, out _));
        Assert.Null(pending.Done(taken));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_event_whose_task_stopped_during_an_attempt_that_failed_is_claimed_by_the_next_refresh(bool recorded)
    {
        var pending = new PendingDeliveries();
        var entry = Entry(Event("e1"));
        pending.Refresh(View(entry, TaskA));
        var taken = Take(pending, Now);
        Assert.Empty(pending.Refresh(View(entry)));

        if (recorded)
        {
            pending.Retry(taken, new DeliveryRetry(1, Now, Now + TimeSpan.FromSeconds(1)));
        }
        else
        {
            pending.Release(taken, Now + TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["e1"], pending.Refresh(View(entry)).Select(e => e.EventId));
    }

    [Fact]
    public void The_next_due_attempt_is_the_earliest_retry()
    {
        var pending = new PendingDeliveries();
        pending.Refresh(View(Entry(Event("e1")), TaskA, TaskB));
        var a = Take(pending, Now);
        var b = Take(pending, Now);

        pending.Retry(a, new DeliveryRetry(1, Now, Now + TimeSpan.FromSeconds(30)));
        pending.Retry(b, new DeliveryRetry(1, Now, Now + TimeSpan.FromSeconds(5)));

        Assert.Equal(Now + TimeSpan.FromSeconds(5), pending.NextDue(Now));
    }

    [Fact]
    public void A_released_attempt_waits_until_its_pause_ends_and_a_later_retry_is_not_brought_forward_by_it()
    {
        var pending = new PendingDeliveries();
        pending.Refresh(View(Entry(Event("e1")), TaskA));
        var taken = Take(pending, Now);

        pending.Release(taken, Now + TimeSpan.FromSeconds(1));
        Assert.False(pending.TryStartWorker(10, Now, out _));
        Assert.Equal(Now + TimeSpan.FromSeconds(1), pending.NextDue(Now));

        var again = Take(pending, Now + TimeSpan.FromSeconds(1));
        pending.Retry(again, new DeliveryRetry(1, Now, Now + TimeSpan.FromSeconds(10)));

        Assert.Equal(Now + TimeSpan.FromSeconds(10), pending.NextDue(Now + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_refresh_takes_the_outbox_retries_that_are_newer_than_this_instances_and_keeps_its_own_otherwise()
    {
        var pending = new PendingDeliveries();
        var notification = Event("e1");
        pending.Refresh(View(Entry(notification), TaskA, TaskB));
        var a = Take(pending, Now);
        var b = Take(pending, Now);
        pending.Retry(a, new DeliveryRetry(2, Now, Now + TimeSpan.FromSeconds(10)));
        pending.Retry(b, new DeliveryRetry(2, Now, Now + TimeSpan.FromSeconds(40)));

        var outbox = new Dictionary<string, DeliveryRetry>(StringComparer.Ordinal)
        {
            [TaskA.Key] = new(3, Now, Now + TimeSpan.FromSeconds(20)),
            [TaskB.Key] = new(2, Now, Now + TimeSpan.FromSeconds(10)),
        };
        pending.Refresh(View(Entry(notification, outbox), TaskA, TaskB));

        var at = Now + TimeSpan.FromSeconds(20);
        Assert.True(pending.TryStartWorker(10, at, out var due));
        Assert.Equal(TaskA.Key, due!.Task.Key);
        Assert.Equal(3, due.Retry!.Attempts);
        Assert.False(pending.TryStartWorker(10, at, out _));
    }

    [Fact]
    public void A_refresh_takes_a_retry_of_a_task_this_instance_knew_nothing_of()
    {
        var pending = new PendingDeliveries();
        var notification = Event("e1");
        pending.Refresh(View(Entry(notification), TaskA));

        var outbox = new Dictionary<string, DeliveryRetry>(StringComparer.Ordinal) { [TaskA.Key] = new(1, Now, Now + TimeSpan.FromSeconds(5)) };
        pending.Refresh(View(Entry(notification, outbox), TaskA));

        Assert.False(pending.TryStartWorker(10, Now, out _));
        Assert.Equal(Now + TimeSpan.FromSeconds(5), pending.NextDue(Now));
    }

    [Fact]
    public void A_task_the_outbox_marks_done_after_the_event_was_first_read_gets_no_more_attempts()
    {
        var pending = new PendingDeliveries();
        pending.Refresh(View(Entry(Event("e1")), TaskA, TaskB));

        Assert.Empty(pending.Refresh(View(Entry(Event("e1"), done: [TaskA.Key]), TaskA, TaskB)));

        Assert.Equal(TaskB.Key, Take(pending, Now).Task.Key);
        Assert.False(pending.TryStartWorker(10, Now, out _));
    }

    [Fact]
    public void An_event_the_outbox_marks_done_by_every_task_after_it_was_first_read_is_claimed_for_completion()
    {
        var pending = new PendingDeliveries();
        Assert.Empty(pending.Refresh(View(Entry(Event("e1")), TaskA)));

        Assert.Equal(["e1"], pending.Refresh(View(Entry(Event("e1"), done: [TaskA.Key]), TaskA)).Select(e => e.EventId));
    }

    [Fact]
    public void A_retry_due_exactly_now_is_left_to_the_workers_and_is_not_the_next_due_time()
    {
        var pending = new PendingDeliveries();
        pending.Refresh(View(Entry(Event("e1")), TaskA));
        var taken = Take(pending, Now);
        var dueAt = Now + TimeSpan.FromSeconds(5);
        pending.Retry(taken, new DeliveryRetry(1, Now, dueAt));

        Assert.Equal(dueAt, pending.NextDue(dueAt - TimeSpan.FromTicks(1)));
        Assert.Null(pending.NextDue(dueAt));
    }
}
