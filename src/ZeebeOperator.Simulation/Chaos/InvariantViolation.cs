namespace ZeebeOperator.Simulation.Chaos;

/// <summary>The safety properties the soak checks after every step.</summary>
public static class Invariants
{
    public const string OneTaskPerNode = "one-running-task-per-node";
    public const string NoDuplicateResource = "no-duplicate-resource";
    public const string ForeignResourcesUntouched = "foreign-resources-untouched";
    public const string AccessPointsKept = "access-points-kept";
    public const string MutationsAudited = "mutations-audited";
    public const string Converges = "converges-after-faults-stop";
    public const string NoBackupDuringTopologyChange = "no-backup-during-topology-change";

    /// <summary>A running broker is restarted only while every partition has a leader and its full replication factor of healthy replicas.</summary>
    public const string NoRestartWhilePartitionUnserved = "no-rolling-restart-while-a-partition-lacks-a-healthy-leader";

    /// <summary>Once Zeebe accepted a change, the same change is never asked for again (unless it failed).</summary>
    public const string NoChangeAskedTwice = "no-change-asked-for-twice";

    /// <summary>Every event the outbox holds, once converged, reached every subscriber task that stayed up.</summary>
    public const string NotificationsDelivered = "notifications-delivered";

    public static IReadOnlyList<string> All { get; } =
        [
            OneTaskPerNode,
            NoDuplicateResource,
            ForeignResourcesUntouched,
            AccessPointsKept,
            MutationsAudited,
            Converges,
            NoRestartWhilePartitionUnserved,
            NoChangeAskedTwice,
            NoBackupDuringTopologyChange,
            NotificationsDelivered,
        ];
}

public sealed record InvariantViolation(long Step, string Invariant, string Detail)
{
    public override string ToString() => $"step {Step}: {Invariant}: {Detail}";
}
