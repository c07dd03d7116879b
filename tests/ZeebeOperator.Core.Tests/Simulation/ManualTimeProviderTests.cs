using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Simulation;

public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Starts_where_told_and_only_moves_when_advanced()
    {
        var time = new ManualTimeProvider(Start);

        Assert.Equal(Start, time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Start.AddSeconds(5), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(5), time.GetElapsedTime(Start.UtcTicks, time.GetTimestamp()));
    }

    [Fact]
    public void Cannot_go_back_in_time()
    {
        var time = new ManualTimeProvider(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(Start.AddSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task Task_delay_completes_when_the_clock_reaches_it()
    {
        var time = new ManualTimeProvider(Start);
        var delay = Task.Delay(TimeSpan.FromSeconds(10), time, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void Timers_fire_in_due_order_with_the_clock_at_their_due_time()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow())), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var tie = time.CreateTimer(_ => fired.Add(("tie", time.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(
            [("early", Start.AddSeconds(10)), ("tie", Start.AddSeconds(10)), ("late", Start.AddSeconds(30))],
            fired);
        Assert.Equal(Start.AddMinutes(1), time.GetUtcNow());
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public void Periodic_timers_fire_every_period_until_disposed()
    {
        var time = new ManualTimeProvider(Start);
        var ticks = 0;
        var timer = time.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(3, ticks); // 1, 3, 5

        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, ticks);
        Assert.False(timer.Change(TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public void Change_reschedules_and_infinite_due_time_disarms()
    {
        var time = new ManualTimeProvider(Start);
        var ticks = 0;
        using var timer = time.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, ticks);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, ticks);
    }

    [Fact]
    public void A_timer_due_now_fires_on_the_next_advance_even_of_zero()
    {
        var time = new ManualTimeProvider(Start);
        var ticks = 0;
        using var timer = time.CreateTimer(_ => ticks++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(0, ticks);
        time.Advance(TimeSpan.Zero);
        Assert.Equal(1, ticks);
    }

    [Fact]
    public void A_callback_can_schedule_a_timer_that_falls_due_within_the_same_advance()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        ITimer? second = null;
        using var first = time.CreateTimer(
            _ =>
            {
                fired.Add(time.GetUtcNow());
                second = time.CreateTimer(_ => fired.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
            },
            null,
            TimeSpan.FromSeconds(5),
            Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(20));
        second?.Dispose();

        Assert.Equal([Start.AddSeconds(5), Start.AddSeconds(10)], fired);
    }

    [Fact]
    public async Task Cancelling_a_delay_removes_its_timer()
    {
        var time = new ManualTimeProvider(Start);
        using var cts = new CancellationTokenSource();
        var delay = Task.Delay(TimeSpan.FromSeconds(10), time, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
        Assert.Equal(0, time.ActiveTimerCount);
    }
}
