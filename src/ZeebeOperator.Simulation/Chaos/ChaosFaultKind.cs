namespace ZeebeOperator.Simulation.Chaos;

/// <summary>What the chaos wrappers did to one call.</summary>
public enum ChaosFaultKind
{
    Throttle,
    ServerError,
    Timeout,

    /// <summary>The mutating call took effect; the caller saw a timeout.</summary>
    LostResponse,
    Latency,

    /// <summary>The operator process died at this call (before or after it reached AWS).</summary>
    Kill,
}
