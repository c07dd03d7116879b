namespace ZeebeOperator.Simulation.Events;

/// <summary>
/// How the simulated events queue mistreats what is published to it, as EventBridge, S3 and SQS may: each message
/// becomes visible after <see cref="Delay"/> plus up to <see cref="Jitter"/> (so messages overtake each other), is
/// lost with <see cref="LossProbability"/> and delivered twice with <see cref="DuplicateProbability"/>. Seeded.
/// </summary>
public sealed record EventDeliveryFaults
{
    public static EventDeliveryFaults None { get; } = new();

    public TimeSpan Delay { get; init; }

    public TimeSpan Jitter { get; init; }

    public double LossProbability { get; init; }

    public double DuplicateProbability { get; init; }

    public int Seed { get; init; } = 1;
}
