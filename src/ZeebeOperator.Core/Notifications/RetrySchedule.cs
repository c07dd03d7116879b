using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;

namespace ZeebeOperator.Core.Notifications;

/// <summary>When a task whose attempt failed is tried again, and when it is given up on.</summary>
public static class RetrySchedule
{
    /// <summary>
    /// The retry after a failed attempt at <paramref name="now"/>: exponential backoff from
    /// <see cref="NotifyOptions.BaseBackoff"/> capped at <see cref="NotifyOptions.MaxBackoff"/>, scaled by
    /// <paramref name="jitter"/> (0–1, full jitter), never later than the end of the give-up budget. Null when the
    /// budget (<see cref="NotifyOptions.GiveUpAfter"/> from the first failure) is spent: the task is given up on.
    /// </summary>
    public static DeliveryRetry? After(DeliveryRetry? previous, DateTimeOffset now, NotifyOptions options, double jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var firstFailedAt = previous?.FirstFailedAt ?? now;
        var giveUpAt = firstFailedAt + options.GiveUpAfter;
        if (now >= giveUpAt)
        {
            return null;
        }

        var attempts = (previous?.Attempts ?? 0) + 1;
        var dueAt = now + (Backoff.Exponential(attempts - 1, options.BaseBackoff, options.MaxBackoff) * jitter);
        return new DeliveryRetry(attempts, firstFailedAt, dueAt < giveUpAt ? dueAt : giveUpAt);
    }
}
