namespace ZeebeOperator.Simulation.Time;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock only moves when told to, with FakeTimeProvider's semantics:
/// <see cref="SetUtcNow"/> and <see cref="Advance"/> fire every timer that falls due, earliest first (ties in
/// creation order), with the clock set to each timer's due time while its callback runs; a timer due "now"
/// (dueTime zero) fires on the next advance, including <c>Advance(TimeSpan.Zero)</c>.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private int _unobservedTimerCreations;
    private TaskCompletionSource? _timerCreated;
    private long _scheduleSequence;

    /// <summary>Starts at midnight, January 1st 2000 (UTC), like FakeTimeProvider.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualTimeProvider(DateTimeOffset start)
    {
        Start = start;
        _now = start;
    }

    public DateTimeOffset Start { get; }

    /// <summary>How many timers are scheduled (not disposed, not expired one-shots).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>When the earliest scheduled timer fires (null: none is scheduled), so a driver can move the clock from event to event.</summary>
    public DateTimeOffset? NextTimerDue
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count == 0 ? null : _timers.Min(t => t.DueAt);
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock to <paramref name="value"/>, firing due timers in order; going back in time throws.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Cannot go back in time; the clock reads {_now:O}.");
            }
        }

        while (TryTakeDue(value) is { } due)
        {
            due.Fire();
        }

        lock (_gate)
        {
            if (value > _now)
            {
                _now = value;
            }
        }
    }

    /// <summary>Advances the clock by <paramref name="delta"/> (non-negative), firing due timers in order.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        SetUtcNow(GetUtcNow() + delta);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _unobservedTimerCreations++;
            (waiter, _timerCreated) = (_timerCreated, null);
        }

        waiter?.TrySetResult();
        return timer;
    }

    /// <summary>
    /// Waits, without moving the clock, until a timer has been created since the previous call, so that a test can let a
    /// background loop reach its next delay before advancing; false when none was created within <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> WaitForTimerCreatedAsync(TimeSpan timeout)
    {
        Task created;
        lock (_gate)
        {
            if (TryObserveTimerCreation())
            {
                return true;
            }

            _timerCreated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            created = _timerCreated.Task;
        }

        try
        {
            await created.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return false;
        }

        lock (_gate)
        {
            return TryObserveTimerCreation();
        }
    }

    private bool TryObserveTimerCreation()
    {
        if (_unobservedTimerCreations == 0)
        {
            return false;
        }

        _unobservedTimerCreations--;
        return true;
    }

    public override string ToString() => GetUtcNow().ToString("O", global::System.Globalization.CultureInfo.InvariantCulture);

    internal void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidateDuration(dueTime, nameof(dueTime));
        ValidateDuration(period, nameof(period));
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = _now + dueTime;
            timer.Period = period;
            timer.ScheduleSequence = ++_scheduleSequence;
            _timers.Add(timer);
        }
    }

    internal void Unschedule(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private static void ValidateDuration(TimeSpan value, string name)
    {
        if (value != Timeout.InfiniteTimeSpan && value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative or Timeout.InfiniteTimeSpan.");
        }
    }

    private ManualTimer? TryTakeDue(DateTimeOffset target)
    {
        lock (_gate)
        {
            ManualTimer? next = null;
            foreach (var timer in _timers)
            {
                if (timer.DueAt <= target
                    && (next is null || timer.DueAt < next.DueAt
                        || (timer.DueAt == next.DueAt && timer.ScheduleSequence < next.ScheduleSequence)))
                {
                    next = timer;
                }
            }

            if (next is null)
            {
                return null;
            }

            if (next.DueAt > _now)
            {
                _now = next.DueAt;
            }

            _timers.Remove(next);
            if (next.Period != Timeout.InfiniteTimeSpan && next.Period > TimeSpan.Zero)
            {
                next.DueAt += next.Period;
                next.ScheduleSequence = ++_scheduleSequence;
                _timers.Add(next);
            }

            return next;
        }
    }
}
