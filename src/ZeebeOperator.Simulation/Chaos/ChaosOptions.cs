namespace ZeebeOperator.Simulation.Chaos;

/// <summary>How often each kind of trouble hits a call that goes through the chaos wrappers. Rates are probabilities (0..1).</summary>
/// <param name="ThrottleRate">The call fails with the service's throttling error before it reaches AWS.</param>
/// <param name="ServerErrorRate">The call fails with a 5xx before it reaches AWS.</param>
/// <param name="TimeoutRate">The call times out before it reaches AWS (the SDK's <c>Timeout</c>).</param>
/// <param name="LostResponseRate">A mutating call takes effect, but the caller sees a timeout instead of the answer.</param>
/// <param name="LatencyRate">The call takes up to <paramref name="MaxLatency"/> (the manual clock moves on).</param>
/// <param name="StoreFaults">Whether the spec, status and audit stores also get throttling and 5xx errors.</param>
public sealed record ChaosOptions(
    double ThrottleRate = 0.04,
    double ServerErrorRate = 0.02,
    double TimeoutRate = 0.02,
    double LostResponseRate = 0.15,
    double LatencyRate = 0.1,
    TimeSpan MaxLatency = default,
    bool StoreFaults = true)
{
    public static ChaosOptions Calm { get; } = new(0, 0, 0, 0, 0, TimeSpan.Zero, StoreFaults: false);

    public TimeSpan EffectiveMaxLatency => MaxLatency > TimeSpan.Zero ? MaxLatency : TimeSpan.FromSeconds(3);
}
