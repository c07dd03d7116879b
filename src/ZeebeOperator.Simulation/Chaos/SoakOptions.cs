namespace ZeebeOperator.Simulation.Chaos;

/// <summary>What a soak run does. Every random choice comes from <see cref="Seed"/>: the same options give the same run.</summary>
public sealed record SoakOptions
{
    public int Seed { get; init; } = 1;

    public int Steps { get; init; } = 300;

    public ChaosOptions Chaos { get; init; } = new();

    /// <summary>Probability that the operator is killed at a random call of a step's reconcile.</summary>
    public double KillRate { get; init; } = 0.15;

    /// <summary>Probability that a broker task is stopped (or crashes) in a step.</summary>
    public double TaskStopRate { get; init; } = 0.05;

    /// <summary>Probability that the coordinator (the lowest member) is stopped in a step while a topology change is in flight.</summary>
    public double CoordinatorLossRate { get; init; } = 0.1;

    /// <summary>Probability that the user changes the spec in a step (scale 3↔5, an image upgrade, or partitions).</summary>
    public double SpecChangeRate { get; init; } = 0.03;

    /// <summary>Every this many steps the faults stop and the cluster must converge; the run also ends with one such phase.</summary>
    public int CalmEvery { get; init; } = 150;

    /// <summary>The bound on reconcile passes a calm phase may take to converge.</summary>
    public int MaxResyncsToConverge { get; init; } = 60;

    /// <summary>The most simulated time a step lets pass after its reconcile.</summary>
    public TimeSpan MaxStepTime { get; init; } = TimeSpan.FromSeconds(8);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxResyncsToConverge);
        ArgumentOutOfRangeException.ThrowIfNegative(CalmEvery);
        foreach (var rate in new[] { KillRate, TaskStopRate, CoordinatorLossRate, SpecChangeRate, Chaos.ThrottleRate, Chaos.ServerErrorRate, Chaos.TimeoutRate, Chaos.LostResponseRate, Chaos.LatencyRate })
        {
            ArgumentOutOfRangeException.ThrowIfNegative(rate);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1.0);
        }
    }
}
