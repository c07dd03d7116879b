namespace ZeebeOperator.Host.Tests.Support;

/// <summary>A TimeProvider whose time moves only when a test calls <see cref="Advance"/>; due timers fire in order.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider, IDisposable
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly SemaphoreSlim created = new(0);
    private DateTimeOffset now = start;

    public ManualClock()
        : this(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers that are scheduled to fire.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (gate)
            {
                return timers.Count(t => t.DueAt is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (gate)
        {
            timers.Add(timer);
        }

        timer.Change(dueTime, period);
        created.Release();
        return timer;
    }

    /// <summary>Waits (without advancing time) until someone has created a timer since the last call.</summary>
    public Task WaitForTimerCreatedAsync() => created.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Moves time forward, firing every timer that falls due on the way, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate)
        {
            target = now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (next is null)
                {
                    now = target;
                    return;
                }

                now = next.DueAt!.Value;
                next.DueAt = next.Period is { } p && p > TimeSpan.Zero && p != Timeout.InfiniteTimeSpan ? now + p : null;
            }

            next.Fire();
        }
    }

    public void Dispose() => created.Dispose();

    private void Remove(ManualTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.now + dueTime;
                Period = period;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
