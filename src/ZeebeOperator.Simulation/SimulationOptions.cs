namespace ZeebeOperator.Simulation;

/// <summary>How the in-memory AWS behaves. The defaults suit <c>run --local</c>.</summary>
public sealed record SimulationOptions
{
    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "000000000000";

    /// <summary>
    /// When true, an ECS cluster, Cloud Map namespace or EFS file system referenced for the first time is created on
    /// demand; when false, unknown ones fail like AWS does (ClusterNotFoundException, NamespaceNotFound, FileSystemNotFound).
    /// </summary>
    public bool AutoCreateInfrastructure { get; init; } = true;

    /// <summary>From a task's launch to RUNNING (PROVISIONING for the first half, PENDING for the second).</summary>
    public TimeSpan TaskStartDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>From a stop request (scale-in, deployment, StopTask) to STOPPED: the container's graceful shutdown.</summary>
    public TimeSpan TaskStopDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>From RUNNING to HEALTHY for tasks whose containers have a health check (tasks without one stay UNKNOWN, as in ECS).</summary>
    public TimeSpan HealthGracePeriod { get; init; } = TimeSpan.Zero;

    /// <summary>How long a deleted service stays visible as INACTIVE to DescribeServices (ECS: about an hour).</summary>
    public TimeSpan InactiveServiceRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long ECS, EFS and Cloud Map remember a create call's idempotency token (clientToken, ClientToken,
    /// CreatorRequestId): a repeat with the same parameters gets the first result, even once that resource is deleted.
    /// AWS publishes no window; it is long, so the default is a day.
    /// </summary>
    public TimeSpan ClientTokenRetention { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long a STOPPED task stays visible to DescribeTasks (ECS: about an hour).</summary>
    public TimeSpan StoppedTaskRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often a steady service repeats its <c>SERVICE_STEADY_STATE</c> event: AWS documents that the scheduler
    /// reports the steady state periodically, so it arrives many times, and publishes no period. Zero: never repeated.
    /// </summary>
    public TimeSpan SteadyStateReportInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>From CreateAccessPoint ("creating") to "available".</summary>
    public TimeSpan AccessPointCreateDelay { get; init; } = TimeSpan.Zero;

    /// <summary>EFS's quota of access points per file system (10,000 today; older accounts had 1,000).</summary>
    public int MaxAccessPointsPerFileSystem { get; init; } = 10_000;

    /// <summary>Seeds the generator of resource ids, so a run is reproducible.</summary>
    public int IdSeed { get; init; } = 1;

    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>How the simulated Zeebe brokers behave (startup time, topology change speed).</summary>
    public Zeebe.SimulatedZeebeOptions Zeebe { get; init; } = new();
}
