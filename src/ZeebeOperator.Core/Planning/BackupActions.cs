using System.Globalization;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Planning;

/// <summary>A call to the backup management API of the cluster, through the broker <paramref name="ViaNodeId"/>.</summary>
public abstract record BackupAction(string ClusterName, long BackupId, BackupEndpoint Endpoint, int ViaNodeId, ChangeReason Reason) : PlannedAction(Reason)
{
    public override int? Node => null;

    public override string AuditResource => string.Create(CultureInfo.InvariantCulture, $"{ClusterName} backup {BackupId}");

    protected override string DisplayName => string.Create(CultureInfo.InvariantCulture, $"#{BackupId}");
}

/// <summary>Takes backup <paramref name="BackupId"/> (higher than every earlier one) of every partition.</summary>
public sealed record TakeBackupAction(string ClusterName, long BackupId, BackupEndpoint Endpoint, int ViaNodeId, BackupTrigger Trigger, ChangeReason Reason)
    : BackupAction(ClusterName, BackupId, Endpoint, ViaNodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("zeebe", "TakeBackup"), "take", "Zeebe backup");

    public override ActionKind Entry => Catalogue;
}

/// <summary>Deletes a backup beyond <c>spec.backup.retention</c>.</summary>
public sealed record DeleteBackupAction(string ClusterName, long BackupId, BackupEndpoint Endpoint, int ViaNodeId, ChangeReason Reason)
    : BackupAction(ClusterName, BackupId, Endpoint, ViaNodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("zeebe", "DeleteBackup"), "delete", "Zeebe backup");

    public override ActionKind Entry => Catalogue;
}

/// <summary>What the plan does about backups this pass.</summary>
/// <param name="Take">The backup to take now, if one is due and may start.</param>
/// <param name="Deletes">Backups beyond retention.</param>
/// <param name="Waiting">Why a due backup (or the one in progress) holds things up, when it does.</param>
/// <param name="NextDue">When the schedule next asks for a backup: the reconciler comes back then.</param>
/// <param name="Since">The schedule's anchor this pass used (kept in status: the first pass records when the schedule was first seen).</param>
public sealed record BackupPlan(
    TakeBackupAction? Take,
    IReadOnlyList<DeleteBackupAction> Deletes,
    string? Waiting,
    DateTimeOffset? NextDue,
    DateTimeOffset? Since,
    bool ScheduleDue,
    bool RequestDue)
{
    public static BackupPlan None { get; } = new(null, [], null, null, null, false, false);

    public IEnumerable<BackupAction> Actions => Deletes.Cast<BackupAction>().Prepend(Take).OfType<BackupAction>();
}
