namespace ZeebeOperator.Simulation.Throttling;

/// <summary>Starts full; each call takes a token or is refused; tokens come back continuously at the sustained rate.</summary>
internal sealed class TokenBucket(ApiRate rate, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = rate.Burst;
    private long _refilledAt = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(rate.Burst, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * rate.PerSecond));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
