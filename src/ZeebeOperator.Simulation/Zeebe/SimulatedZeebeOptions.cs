namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>Timings of the simulated Zeebe cluster (<c>run --local</c> derives them from <c>Local:TaskStartDelay</c>).</summary>
public sealed class SimulatedZeebeOptions
{
    public const string SectionName = "Simulation:Zeebe";

    /// <summary>How long a broker reports not ready (503 on readiness and startup) after it was first seen running.</summary>
    public TimeSpan StartupDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a broker's partition replicas stay unhealthy after it reports ready (they catch up with their leaders):
    /// readiness alone does not mean the partitions are served again.
    /// </summary>
    public TimeSpan PartitionCatchUpDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Simulated time each operation of a topology change takes while its broker runs.</summary>
    public TimeSpan ChangeDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Zeebe's own timeout for a cluster request forwarded to the coordinator: when the coordinator is down, the
    /// request fails with 504 after this long (the call log records it as the call's duration).
    /// </summary>
    public TimeSpan CoordinatorTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Simulated time a backup takes from its request until it is COMPLETED.</summary>
    public TimeSpan BackupDuration { get; set; } = TimeSpan.FromSeconds(30);
}
