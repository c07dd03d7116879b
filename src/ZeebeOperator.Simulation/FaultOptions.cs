namespace ZeebeOperator.Simulation;

/// <summary>Random failures and latency applied to calls, reproducible by <see cref="Seed"/>.</summary>
/// <param name="Seed">Seeds the random draws: the same seed and the same sequence of calls give the same failures.</param>
/// <param name="ThrottleRate">Probability (0..1) that a call fails with the service's throttling error.</param>
/// <param name="ServerErrorRate">Probability (0..1) that a call fails with the service's 5xx error.</param>
/// <param name="Latency">Added to every call through the simulation's TimeProvider (with a manual clock, advance it).</param>
/// <param name="IncludeStores">Whether the random failures also hit the spec store (S3) and the status and audit tables (DynamoDB).</param>
/// <param name="Throttle">Per-family request quotas (token buckets, as AWS throttles); calls over them fail with the service's throttling error.</param>
public sealed record FaultOptions(
    int Seed = 0,
    double ThrottleRate = 0,
    double ServerErrorRate = 0,
    TimeSpan Latency = default,
    bool IncludeStores = false,
    Throttling.ApiThrottleLimits? Throttle = null)
{
    public static FaultOptions None { get; } = new();
}
