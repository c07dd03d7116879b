namespace ZeebeOperator.Simulation.Chaos;

/// <summary>The figures of one soak run.</summary>
/// <param name="ResyncsToConverge">For each calm phase, how many reconcile passes it took to converge once the faults stopped.</param>
/// <param name="Backups">The soak cluster's backups Zeebe accepted, by the state they ended in (deleted ones as DELETED).</param>
/// <param name="ReconcileExceptions">Reconciles that ended with an exception other than a kill (the host logs and retries those), by type.</param>
public sealed record SoakReport(
    int Seed,
    int Steps,
    TimeSpan WallTime,
    TimeSpan SimulatedTime,
    long Calls,
    IReadOnlyDictionary<string, long> Faults,
    int Kills,
    int BrokerTasksStopped,
    int ScaleChanges,
    int ImageUpgrades,
    IReadOnlyDictionary<string, int> ReconcileOutcomes,
    IReadOnlyDictionary<string, int> ReconcileExceptions,
    int ForeignResources,
    long AuditedMutations,
    IReadOnlyList<int> ResyncsToConverge,
    IReadOnlyDictionary<string, int> ViolationsByInvariant,
    IReadOnlyList<InvariantViolation> Violations,
    IReadOnlyDictionary<string, int>? Backups = null)
{
    /// <summary>Spec changes of the partition count or replication factor (some together with a scale).</summary>
    public int PartitionChanges { get; init; }

    /// <summary>Times the coordinator (the lowest member) was stopped while a change was in flight.</summary>
    public int CoordinatorStops { get; init; }

    /// <summary>Restarts of running brokers the operator caused, each checked against the partitions' health.</summary>
    public int BrokerRestarts { get; init; }

    /// <summary>PATCHes Zeebe accepted (each checked against being asked for again).</summary>
    public int ZeebeChangesAccepted { get; init; }

    public int ViolationCount => ViolationsByInvariant.Values.Sum();

    public long LostResponses => Faults.GetValueOrDefault(nameof(ChaosFaultKind.LostResponse));

    public int MaxResyncsToConverge => ResyncsToConverge.Count == 0 ? 0 : ResyncsToConverge.Max();
}
