namespace ZeebeOperator.Benchmarks;

internal sealed record Machine(int Cores, string Cpu, string Runtime, string Os);

/// <param name="Reads">AWS read calls (ECS, Cloud Map, EFS) of one reconcile of a converged cluster.</param>
/// <param name="NaiveReads">The same for the per-resource refresh baseline.</param>
internal sealed record CallBudget(int Nodes, int Reads, int Mutations, int NaiveReads, IReadOnlyDictionary<string, int> ReadsByOperation);

/// <param name="CriticalPathMs">Sequential call rounds a one-node cluster needs to converge × per-call latency.</param>
internal sealed record Convergence(int Nodes, double WallMs, double CpuMs, int Passes, int Calls, int CriticalPathRounds, double CriticalPathMs, double Ratio);

/// <param name="ThrottleBoundSeconds">Per family, admitted calls beyond the burst ÷ sustained rate; the slowest family.</param>
internal sealed record Resync(
    string Kind,
    double WallSeconds,
    double ThrottleBoundSeconds,
    string BoundingFamily,
    double Ratio,
    double CpuSeconds,
    double PeakWorkingSetMb,
    double PeakManagedHeapMb,
    IReadOnlyDictionary<string, long> AdmittedCallsByFamily,
    long ThrottledCalls,
    long FailedReconciles,
    long ReconcilesThatThrew);

/// <param name="IdleOperatorHeapMb">Managed heap with the operator idle after the resync, minus the heap before it started (the simulated account, in the same process, is not counted).</param>
/// <param name="IdleProcessWorkingSetMb">The whole process, simulated account and runtime included.</param>
internal sealed record Fleet(
    int Clusters,
    int BrokersPerCluster,
    double StartupToFirstReconcileMs,
    Resync Restart,
    Resync Periodic,
    double NaiveProjectedBoundSeconds,
    string NaiveBoundingFamily,
    double IdleOperatorHeapMb,
    double IdleProcessWorkingSetMb);

/// <param name="P50Seconds">Simulated seconds from the change to the first mutating AWS call that repairs it, to <see cref="ReactionScenario.Step"/>.</param>
internal sealed record Reaction(string Trigger, string Mode, int Trials, double P50Seconds, double P99Seconds, double MaxSeconds, IReadOnlyList<string> FirstActions);

/// <param name="ReadsPerHourWithEvents">AWS reads (ECS, Cloud Map, EFS) per hour of one converged cluster with events and the safety-net resync.</param>
/// <param name="OperatorReadsPerHourWithEvents">S3 reads counted (spec listings, and one spec read per reconcile), and idle SQS long polls computed.</param>
/// <param name="NoEventRepairMinutes">Access point deleted out of band (no event exists for it): minutes to the first repairing call.</param>
/// <param name="LostEventsRepairMinutes">A broker's ECS service deleted with every event lost: minutes to the first repairing call.</param>
internal sealed record SteadyState(
    int Hours,
    double ReadsPerHourWithEvents,
    double ResyncMinutesWithEvents,
    double OperatorReadsPerHourWithEvents,
    double ReadsPerHourPolling,
    double ResyncMinutesPolling,
    double OperatorReadsPerHourPolling,
    double NoEventRepairMinutes,
    double LostEventsRepairMinutes,
    double SafetyNetResyncMinutes)
{
    public double Ratio => ReadsPerHourWithEvents > 0 ? Math.Round(ReadsPerHourPolling / ReadsPerHourWithEvents, 1) : double.PositiveInfinity;
}

/// <param name="HealthyP50Seconds">Simulated seconds from an event's write to its receipt, over every event and healthy task.</param>
/// <param name="Posts">Every POST made, retries included.</param>
internal sealed record Fanout(
    int Tasks,
    int Events,
    double EventIntervalSeconds,
    double PostLatencyMs,
    int MaxParallelDeliveries,
    int HealthyReceipts,
    double HealthyP50Seconds,
    double HealthyP99Seconds,
    double HealthyMaxSeconds,
    IReadOnlyList<FailingTask> Failing,
    bool EveryTaskGotEveryEvent,
    int Duplicates,
    int Posts);

/// <param name="LastReceiptSeconds">When it had received its last event, in seconds from the first event's write.</param>
/// <param name="AfterRecoverySeconds">The same, after it recovered.</param>
internal sealed record FailingTask(string Behaviour, double RecoveredAtSeconds, int EventsReceived, double LastReceiptSeconds, double AfterRecoverySeconds);

internal sealed record Settings(double LatencyMs, double FleetLatencyMs, double RateScale, IReadOnlyDictionary<string, string> ConvergeThrottle, IReadOnlyDictionary<string, string> FleetThrottle, int MaxConcurrentReconciles, int NodeParallelism);

internal sealed record Target(string Name, string Goal, string Measured, bool Met);

internal sealed record BenchmarkReport(Machine Machine, Settings Settings, IReadOnlyList<CallBudget> CallBudget, IReadOnlyList<Convergence> Convergence, Fleet Fleet, IReadOnlyList<Reaction> Reactions, SteadyState SteadyState, Fanout Fanout, IReadOnlyList<Target> Targets);
