namespace ZeebeOperator.Simulation.Time;

/// <summary>A timer of a <see cref="ManualTimeProvider"/>; it fires only when the provider's clock is advanced.</summary>
internal sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    private bool _disposed;

    public TimerCallback Callback { get; } = callback;

    public object? State { get; } = state;

    /// <summary>Guarded by the owner's lock.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Guarded by the owner's lock.</summary>
    public TimeSpan Period { get; set; }

    /// <summary>Orders timers due at the same instant: first scheduled fires first.</summary>
    public long ScheduleSequence { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (Volatile.Read(ref _disposed))
        {
            return false;
        }

        owner.Schedule(this, dueTime, period);
        return true;
    }

    public void Fire()
    {
        if (!Volatile.Read(ref _disposed))
        {
            Callback(State);
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        owner.Unschedule(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
