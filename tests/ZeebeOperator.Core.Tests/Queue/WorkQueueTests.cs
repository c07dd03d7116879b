using ZeebeOperator.Core.Queue;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Queue;

public sealed class WorkQueueTests : IDisposable
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    private readonly ManualTimeProvider clock = new();
    private readonly WorkQueue queue;

    public WorkQueueTests() => queue = new WorkQueue(clock, Base, Max);

    public void Dispose()
    {
        queue.Dispose();
    }

    [Fact]
    public void A_maximum_backoff_below_the_base_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkQueue(clock, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)));

    [Theory]
    [InlineData(nameof(WorkQueue.Add), null)]
    [InlineData(nameof(WorkQueue.Add), "")]
    [InlineData(nameof(WorkQueue.AddAfter), null)]
    [InlineData(nameof(WorkQueue.AddAfter), "")]
    [InlineData(nameof(WorkQueue.AddRateLimited), null)]
    [InlineData(nameof(WorkQueue.AddRateLimited), "")]
    public void A_missing_key_is_refused(string method, string? key)
    {
        Action add = method switch
        {
            nameof(WorkQueue.Add) => () => queue.Add(key!),
            nameof(WorkQueue.AddAfter) => () => queue.AddAfter(key!, TimeSpan.FromSeconds(1)),
            _ => () => queue.AddRateLimited(key!),
        };

        Assert.ThrowsAny<ArgumentException>(add);
        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public async Task Hands_out_keys_in_the_order_they_were_added()
    {
        queue.Add("a");
        queue.Add("b");

        Assert.Equal("a", await queue.GetAsync(CancellationToken.None));
        Assert.Equal("b", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public void A_waiting_key_is_not_added_twice()
    {
        queue.Add("orders");
        queue.Add("orders");
        queue.Add("payments");

        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public async Task A_key_being_processed_is_not_handed_to_a_second_worker()
    {
        queue.Add("orders");
        var first = await queue.GetAsync(CancellationToken.None);

        queue.Add("orders");
        var second = queue.GetAsync(CancellationToken.None);

        Assert.Equal("orders", first);
        Assert.Equal(0, queue.Count);
        Assert.False(second.IsCompleted);
        queue.ShutDown();
        Assert.Null(await second);
    }

    [Fact]
    public async Task A_key_added_while_processing_is_queued_again_when_done()
    {
        queue.Add("orders");
        var key = await queue.GetAsync(CancellationToken.None);
        queue.Add("orders");
        queue.Add("orders");

        queue.Done(key!);

        Assert.Equal(1, queue.Count);
        Assert.Equal("orders", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_key_not_added_while_processing_is_gone_when_done()
    {
        queue.Add("orders");
        var key = await queue.GetAsync(CancellationToken.None);

        queue.Done(key!);

        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.ProcessingCount);
    }

    [Fact]
    public async Task A_dirty_key_goes_straight_to_a_waiting_worker_when_done()
    {
        queue.Add("orders");
        var key = await queue.GetAsync(CancellationToken.None);
        var waiting = queue.GetAsync(CancellationToken.None);
        queue.Add("orders");
        Assert.False(waiting.IsCompleted);

        queue.Done(key!);

        Assert.Equal("orders", await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_waiting_worker_gets_the_next_added_key()
    {
        var waiting = queue.GetAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        queue.Add("orders");

        Assert.Equal("orders", await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, queue.ProcessingCount);
    }

    [Fact]
    public async Task Waiting_workers_get_one_added_key_each_in_the_order_they_asked()
    {
        var first = queue.GetAsync(CancellationToken.None);
        var second = queue.GetAsync(CancellationToken.None);

        queue.Add("orders");
        queue.Add("payments");

        Assert.Equal("orders", await first.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("payments", await second.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, queue.ProcessingCount);
    }

    [Fact]
    public async Task A_key_handed_straight_to_a_waiting_worker_is_not_processed_again_when_done()
    {
        var waiting = queue.GetAsync(CancellationToken.None);
        queue.Add("orders");
        var key = await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        queue.Done(key!);

        Assert.Equal(0, queue.Count);
        Assert.False(queue.GetAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Concurrent_workers_never_hold_the_same_key()
    {
        const int Keys = 5;
        var holding = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var violations = 0;
        var processed = 0;

        async Task Worker()
        {
            while (await queue.GetAsync(CancellationToken.None) is { } key)
            {
                if (!holding.TryAdd(key, 0))
                {
                    Interlocked.Increment(ref violations);
                }

                await Task.Yield();
                holding.TryRemove(key, out _);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        }

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(Worker)).ToArray();
        for (var i = 0; i < 2000; i++)
        {
            queue.Add($"cluster-{i % Keys}");
        }

        // Every key gets processed at least once after its last add; then shut down.
        while (queue.Count > 0 || queue.ProcessingCount > 0)
        {
            await Task.Yield();
        }

        queue.ShutDown();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, violations);
        Assert.True(processed >= Keys);
    }

    [Fact]
    public void AddAfter_queues_the_key_once_the_delay_has_passed()
    {
        queue.AddAfter("orders", TimeSpan.FromSeconds(5));
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.DelayedCount);

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, queue.Count);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public void AddAfter_keeps_the_earliest_pending_delay()
    {
        queue.AddAfter("orders", TimeSpan.FromSeconds(5));
        queue.AddAfter("orders", TimeSpan.FromSeconds(30));
        queue.AddAfter("orders", TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
        Assert.Equal(0, clock.ActiveTimerCount);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, queue.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AddAfter_with_no_delay_adds_at_once(int seconds)
    {
        queue.AddAfter("orders", TimeSpan.FromSeconds(seconds));

        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public void A_superseded_delay_whose_callback_runs_late_does_not_add_the_key_early()
    {
        using var late = QueueWithSupersededDelay(out var lateClock);

        lateClock.RunCallbackOfTimer(0);

        Assert.Equal(0, late.Count);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, late.Count);
    }

    [Fact]
    public async Task A_delay_that_already_fired_does_not_add_the_key_again_when_its_callback_runs_late()
    {
        using var late = QueueWithSupersededDelay(out var lateClock);
        clock.Advance(TimeSpan.FromSeconds(10));
        late.Done((await late.GetAsync(CancellationToken.None))!);

        lateClock.RunCallbackOfTimer(0);

        Assert.Equal(0, late.Count);
    }

    [Fact]
    public void A_delayed_key_that_is_already_waiting_is_not_queued_twice()
    {
        queue.Add("orders");
        queue.AddAfter("orders", TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void AddRateLimited_doubles_the_delay_per_failure_up_to_the_cap()
    {
        // 1, 2, 4, 8, then capped at 10, 10.
        var expected = new[] { 1, 2, 4, 8, 10, 10 };
        for (var attempt = 0; attempt < expected.Length; attempt++)
        {
            queue.AddRateLimited("orders");
            Assert.Equal(attempt + 1, queue.NumRequeues("orders"));

            clock.Advance(TimeSpan.FromSeconds(expected[attempt]) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, queue.Count);

            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, queue.Count);

            TakeAndFinish("orders");
        }
    }

    [Fact]
    public void Forget_resets_the_backoff()
    {
        queue.AddRateLimited("orders");
        queue.AddRateLimited("orders");
        queue.AddRateLimited("orders");
        Assert.Equal(3, queue.NumRequeues("orders"));
        clock.Advance(TimeSpan.FromSeconds(1));
        TakeAndFinish("orders");

        queue.Forget("orders");
        Assert.Equal(0, queue.NumRequeues("orders"));
        queue.AddRateLimited("orders");
        clock.Advance(Base);

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Backoff_is_tracked_per_key()
    {
        queue.AddRateLimited("orders");
        queue.AddRateLimited("orders");

        Assert.Equal(2, queue.NumRequeues("orders"));
        Assert.Equal(0, queue.NumRequeues("payments"));
    }

    [Fact]
    public async Task ShutDown_wakes_waiting_workers_with_null()
    {
        var first = queue.GetAsync(CancellationToken.None);
        var second = queue.GetAsync(CancellationToken.None);

        queue.ShutDown();

        Assert.Null(await first.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Null(await second.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(queue.IsShuttingDown);
    }

    [Fact]
    public async Task After_ShutDown_adds_are_ignored_and_nothing_is_handed_out()
    {
        queue.Add("pending");
        queue.AddAfter("delayed", TimeSpan.FromSeconds(1));
        queue.ShutDown();
        Assert.Equal(0, clock.ActiveTimerCount);

        queue.Add("orders");
        queue.AddAfter("orders", TimeSpan.FromSeconds(1));
        queue.AddRateLimited("orders");
        Assert.Equal(0, queue.DelayedCount);
        Assert.Equal(0, clock.ActiveTimerCount);
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, queue.Count);
        Assert.Null(await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ShutDownWithDrain_waits_for_keys_being_processed()
    {
        queue.Add("orders");
        var key = await queue.GetAsync(CancellationToken.None);

        var drain = queue.ShutDownWithDrainAsync(CancellationToken.None);
        Assert.False(drain.IsCompleted);

        queue.Done(key!);
        await drain.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ShutDownWithDrain_waits_for_the_key_in_hand_after_earlier_keys_were_done()
    {
        queue.Add("orders");
        queue.Done((await queue.GetAsync(CancellationToken.None))!);
        queue.Add("payments");
        var key = await queue.GetAsync(CancellationToken.None);

        var drain = queue.ShutDownWithDrainAsync(CancellationToken.None);
        Assert.False(drain.IsCompleted);

        queue.Done(key!);
        await drain.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ShutDownWithDrain_completes_at_once_when_idle() =>
        await queue.ShutDownWithDrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

    [Fact]
    public async Task A_cancelled_GetAsync_does_not_swallow_a_later_key()
    {
        using var cts = new CancellationTokenSource();
        var cancelled = queue.GetAsync(cts.Token);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        queue.Add("orders");
        Assert.Equal(1, queue.Count);
        Assert.Equal("orders", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_with_a_cancelled_token_and_nothing_queued_is_cancelled_and_takes_no_later_key()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.GetAsync(cts.Token));

        queue.Add("orders");
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task A_worker_cancelled_after_it_was_handed_a_key_keeps_the_key()
    {
        using var cts = new CancellationTokenSource();
        var waiting = queue.GetAsync(cts.Token);
        queue.Add("orders");

        cts.Cancel();

        Assert.Equal("orders", await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, queue.ProcessingCount);
    }

    [Fact]
    public async Task Done_for_a_key_not_handed_out_changes_nothing()
    {
        queue.Add("orders");

        queue.Done("orders");
        queue.Done("unknown");

        Assert.Equal(1, queue.Count);
        Assert.Equal("orders", await queue.GetAsync(CancellationToken.None));
    }

    /// <summary>The manual clock, keeping every timer's callback so that a test can run one after its timer was disposed.</summary>
    private sealed class LateCallbackClock(ManualTimeProvider clock) : TimeProvider
    {
        private readonly List<(TimerCallback Callback, object? State)> callbacks = [];

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            callbacks.Add((callback, state));
            return clock.CreateTimer(callback, state, dueTime, period);
        }

        public void RunCallbackOfTimer(int index) => callbacks[index].Callback(callbacks[index].State);
    }

    /// <summary>
    /// A queue on a clock whose timers can run late, as real ones can (a callback already due when its timer is
    /// disposed still runs), with "orders" delayed by 30 s, then by 10 s, which supersedes timer 0.
    /// </summary>
    private WorkQueue QueueWithSupersededDelay(out LateCallbackClock lateClock)
    {
        lateClock = new LateCallbackClock(clock);
        var late = new WorkQueue(lateClock, Base, Max);
        late.AddAfter("orders", TimeSpan.FromSeconds(30));
        late.AddAfter("orders", TimeSpan.FromSeconds(10));
        return late;
    }

    private void TakeAndFinish(string expected)
    {
        var task = queue.GetAsync(CancellationToken.None);
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(expected, task.Result);
        queue.Done(expected);
    }
}
