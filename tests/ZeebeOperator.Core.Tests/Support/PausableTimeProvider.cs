namespace ZeebeOperator.Core.Tests.Support;

/// <summary>
/// One process's view of a shared clock that can be paused, like a long GC pause or a frozen container: while
/// paused its timers do not run (they fire, late, on <see cref="Resume"/>), but the clock still reads the shared time.
/// </summary>
internal sealed class PausableTimeProvider(TimeProvider shared) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<Action> _deferred = [];
    private bool _paused;

    public bool IsPaused
    {
        get
        {
            lock (_gate)
            {
                return _paused;
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => shared.GetUtcNow();

    public override long GetTimestamp() => shared.GetTimestamp();

    public override long TimestampFrequency => shared.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => shared.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        shared.CreateTimer(
            s =>
            {
                lock (_gate)
                {
                    if (_paused)
                    {
                        _deferred.Add(() => callback(s));
                        return;
                    }
                }

                callback(s);
            },
            state,
            dueTime,
            period);

    public void Pause()
    {
        lock (_gate)
        {
            _paused = true;
        }
    }

    /// <summary>Un-pauses and runs the timers that fell due meanwhile, in order.</summary>
    public void Resume()
    {
        Action[] due;
        lock (_gate)
        {
            _paused = false;
            due = [.. _deferred];
            _deferred.Clear();
        }

        foreach (var fire in due)
        {
            fire();
        }
    }
}
