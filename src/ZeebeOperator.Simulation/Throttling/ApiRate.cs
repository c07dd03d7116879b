namespace ZeebeOperator.Simulation.Throttling;

/// <summary>A token bucket's shape: it refills at <paramref name="PerSecond"/> (the sustained rate) up to <paramref name="Burst"/> tokens.</summary>
public sealed record ApiRate(double PerSecond, int Burst)
{
    public ApiRate Scaled(double factor) => new(PerSecond * factor, Math.Max(1, (int)Math.Round(Burst * factor)));

    public override string ToString() => $"{PerSecond:0.##}/s burst {Burst}";
}
