namespace ZeebeOperator.Core.Reconciliation;

public enum ReconcileOutcome
{
    /// <summary>Everything matches; come back at the next resync, or after <see cref="ReconcileResult.RequeueAfter"/> when set.</summary>
    Converged,

    /// <summary>Work is under way (acted, or waiting on AWS); look again after <see cref="ReconcileResult.RequeueAfter"/>.</summary>
    InProgress,

    /// <summary>Nothing can be done until the user changes something (invalid spec, ownership conflict).</summary>
    Blocked,

    /// <summary>A transient failure; retry with backoff.</summary>
    Failed,
}

/// <summary>What one reconcile of one cluster concluded, and when to look again.</summary>
public sealed record ReconcileResult(ReconcileOutcome Outcome, TimeSpan? RequeueAfter, string? Message = null)
{
    public static ReconcileResult Converged() => new(ReconcileOutcome.Converged, null);

    /// <summary>Converged, with something due later (a scheduled backup): look again after <paramref name="wakeAfter"/>.</summary>
    public static ReconcileResult ConvergedUntil(TimeSpan? wakeAfter) => new(ReconcileOutcome.Converged, wakeAfter);

    public static ReconcileResult InProgress(TimeSpan requeueAfter, string? message = null) =>
        new(ReconcileOutcome.InProgress, requeueAfter, message);

    public static ReconcileResult Blocked(string message) => new(ReconcileOutcome.Blocked, null, message);

    public static ReconcileResult Failed(string message) => new(ReconcileOutcome.Failed, null, message);
}

/// <summary>Level-triggered reconcile of one cluster, identified by its name (the spec object's file stem).</summary>
public interface IClusterReconciler
{
    Task<ReconcileResult> ReconcileAsync(string clusterName, CancellationToken cancellationToken);
}
