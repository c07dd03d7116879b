using System.Collections.Concurrent;

namespace ZeebeOperator.Simulation.Throttling;

/// <summary>The account's token buckets, one per API family, created on first use; counts the calls it refused.</summary>
internal sealed class ApiThrottle(ApiThrottleLimits limits, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private long _refused;

    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>False when the call's bucket is empty: the call must fail with the service's throttling error.</summary>
    public bool TryAdmit(string service, bool mutating)
    {
        if (ApiThrottleLimits.FamilyOf(service, mutating) is not { } family || limits.RateOf(family) is not { } rate)
        {
            return true;
        }

        if (_buckets.GetOrAdd(family, _ => new TokenBucket(rate, time)).TryTake())
        {
            return true;
        }

        Interlocked.Increment(ref _refused);
        return false;
    }
}
