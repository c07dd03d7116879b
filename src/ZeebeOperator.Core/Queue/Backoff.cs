namespace ZeebeOperator.Core.Queue;

/// <summary>Per-item exponential backoff, as client-go's <c>ItemExponentialFailureRateLimiter</c> computes it.</summary>
public static class Backoff
{
    /// <summary>
    /// The delay before retry number <paramref name="failures"/> + 1: <paramref name="baseDelay"/> doubled once per
    /// earlier failure, never more than <paramref name="maxDelay"/>. A zero base means no delay.
    /// </summary>
    public static TimeSpan Exponential(int failures, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);

        // Past 2^62 ticks the multiplication overflows; any such delay is beyond every sane cap anyway.
        var exponent = Math.Min(failures, 62);
        var ticks = baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
