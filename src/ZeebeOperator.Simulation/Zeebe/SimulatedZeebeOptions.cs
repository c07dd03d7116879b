namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>Timings of the simulated Zeebe cluster, bound from <c>Simulation:Zeebe</c>.</summary>
public sealed class SimulatedZeebeOptions
{
    public const string SectionName = "Simulation:Zeebe";

    /// <summary>How long a broker reports not ready (503 on readiness and startup) after it was first seen running.</summary>
    public TimeSpan StartupDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Simulated time each operation of a topology change takes while its broker runs.</summary>
    public TimeSpan ChangeDuration { get; set; } = TimeSpan.FromSeconds(5);
}
