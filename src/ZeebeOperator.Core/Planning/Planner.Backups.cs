using System.Globalization;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Planning;

/// <summary>
/// Backups (<c>spec.backup</c>): on schedule, on request, and before a rolling update; never while a topology change
/// runs (Zeebe answers 409), and no topology change while one runs. Old ones go as retention says.
/// </summary>
public static partial class Planner
{
    /// <summary>The backup the status says is in progress, unless Zeebe now reports it finished.</summary>
    internal static BackupRecord? RunningBackup(ObservedCluster observed, PlanningContext context) =>
        context.Previous?.Backups?.InProgress is { } record && StateOf(record, observed) == BackupRecord.InProgress ? record : null;

    /// <summary>A backup's state as Zeebe reported it this pass, else as the status last recorded it.</summary>
    internal static string StateOf(BackupRecord record, ObservedCluster observed) =>
        observed.Zeebe.FollowedBackup is { } info && info.BackupId == record.Id ? info.State.ToApiName() : record.State;

    /// <summary>
    /// Before the first restart of a rolling update (once per spec generation), with <c>beforeUpgrade</c>: whether a
    /// backup must be taken first, and why the restarts are held (null: they may go). A failed backup is a blocker.
    /// </summary>
    private static (bool Take, string? Hold) BeforeUpgrade(DesiredCluster desired, ObservedCluster observed, PlanningContext context, List<Blocker> blockers)
    {
        if (desired.Document.Spec.Backup is not { BeforeUpgrade: true } || !BrokersHaveBackupStore(observed))
        {
            return (false, null);
        }

        var generation = desired.Document.Metadata.Generation;
        if ((context.Previous?.Backups ?? BackupsStatus.Empty).BeforeUpgradeOf(generation) is not { } backup)
        {
            return (true, "held until a backup is taken and COMPLETED before the rolling update (spec.backup.beforeUpgrade)");
        }

        switch (StateOf(backup, observed))
        {
            case BackupRecord.Completed:
                return (false, null);
            case BackupRecord.InProgress:
                return (false, string.Create(CultureInfo.InvariantCulture, $"held until backup #{backup.Id}, taken before the rolling update, completes"));
            case var state:
                blockers.Add(new Blocker(null, BlockerReason.BackupFailed, string.Create(
                    CultureInfo.InvariantCulture,
                    $"backup #{backup.Id}, taken before the rolling update (spec.backup.beforeUpgrade), is {state}{FailureOf(backup, observed)}; no broker is restarted. Fix the backup store, then change the spec (a new generation, e.g. 'zeebe-operator backup') to try again, or set spec.backup.beforeUpgrade to false")));
                return (false, string.Create(CultureInfo.InvariantCulture, $"held: backup #{backup.Id} before the rolling update is {state}"));
        }
    }

    private static BackupPlan PlanBackups(DesiredCluster desired, ObservedCluster observed, PlanningContext context, bool takeBeforeUpgrade, string? topologyBusy)
    {
        if (desired.Document.Spec.Backup is not { } spec)
        {
            return BackupPlan.None;
        }

        var status = context.Previous?.Backups ?? BackupsStatus.Empty;
        var now = context.Now;
        var since = status.ScheduledSince ?? now;
        var due = BackupSchedule.After(spec, since);
        var scheduleDue = due <= now;
        var requestDue = BackupSchedule.RequestPending(spec, status);
        var nextDue = scheduleDue ? BackupSchedule.After(spec, now) : due;
        var endpoint = BackupEndpoints.For(desired.Document.Spec.Image);
        var members = observed.Zeebe.Topology?.BrokerIds.ToHashSet();
        var via = observed.Nodes.Where(n => n.IsRunning && (members is null || members.Contains(n.NodeId))).Select(n => (int?)n.NodeId).FirstOrDefault();
        var running = RunningBackup(observed, context);
        var deletes = via is { } deleteVia ? Expired(desired, observed, spec.Retention, status, now, endpoint, deleteVia) : [];

        if (!scheduleDue && !requestDue && !takeBeforeUpgrade)
        {
            return new BackupPlan(null, deletes, running is null ? null : $"backup #{running.Id} in progress", nextDue, since, false, false);
        }

        var trigger = takeBeforeUpgrade ? BackupTrigger.BeforeUpgrade : requestDue ? BackupTrigger.Request : BackupTrigger.Schedule;
        var what = trigger switch
        {
            BackupTrigger.BeforeUpgrade => "the backup before the rolling update",
            BackupTrigger.Request => $"the backup requested at {spec.RequestedAt}",
            _ => $"the backup scheduled for {due!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC",
        };
        var cannot = running is not null ? $"backup #{running.Id} is still in progress"
            : topologyBusy is not null ? $"{topologyBusy} (Zeebe takes no backup during a topology change)"
            : observed.Zeebe.Topology is null ? $"the cluster API is unavailable: {observed.Zeebe.Unavailable}"
            : !BrokersHaveBackupStore(observed) ? "not every running broker has the backup store configured yet (the rolling update brings it)"
            : via is null ? "no running member broker to ask"
            : null;
        if (cannot is not null)
        {
            return new BackupPlan(null, deletes, $"{what} waits: {cannot}", nextDue, since, false, false);
        }

        // Zeebe takes only ids higher than every earlier one: the time in milliseconds, or one more than the last.
        var id = Math.Max(now.ToUnixTimeMilliseconds(), (status.LastBackupId ?? 0) + 1);
        var reason = new ChangeReason.SpecChange(trigger switch
        {
            BackupTrigger.BeforeUpgrade => "spec.backup.beforeUpgrade: before the rolling update",
            BackupTrigger.Request => $"spec.backup.requestedAt {spec.RequestedAt}",
            _ => $"spec.backup.schedule due at {due!.Value.UtcDateTime:u}",
        });
        return new BackupPlan(new TakeBackupAction(desired.Name, id, endpoint, via!.Value, trigger, reason), deletes, null, nextDue, since, scheduleDue, requestDue);
    }

    /// <summary>
    /// Beyond <paramref name="retention"/>: completed backups past the newest <c>count</c>, failed ones once a newer
    /// backup completed, and any older than <c>maxAge</c> but the newest completed one. None in progress.
    /// </summary>
    private static List<DeleteBackupAction> Expired(
        DesiredCluster desired, ObservedCluster observed, BackupRetentionSpec retention, BackupsStatus status, DateTimeOffset now, BackupEndpoint endpoint, int via)
    {
        if (retention is { Count: null, MaxAge: null })
        {
            return [];
        }

        var finished = status.Recent.Select(b => (Backup: b, State: StateOf(b, observed))).Where(b => b.State != BackupRecord.InProgress).ToList();
        var completed = finished.Where(b => b.State == BackupRecord.Completed).Select(b => b.Backup).OrderByDescending(b => b.Id).ToList();
        var newestCompleted = completed.FirstOrDefault()?.Id;
        var expired = new SortedDictionary<long, string>();
        foreach (var backup in completed.Skip(retention.Count ?? int.MaxValue))
        {
            expired[backup.Id] = string.Create(CultureInfo.InvariantCulture, $"spec.backup.retention.count {retention.Count}: newer completed backups are kept");
        }

        foreach (var (backup, state) in finished.Where(b => b.State != BackupRecord.Completed && b.Backup.Id < newestCompleted))
        {
            expired.TryAdd(backup.Id, string.Create(CultureInfo.InvariantCulture, $"{state}, and backup #{newestCompleted} completed since"));
        }

        if (retention.MaxAge is { } maxAge)
        {
            foreach (var (backup, _) in finished.Where(b => b.Backup.Id != newestCompleted && now - b.Backup.TakenAt > maxAge))
            {
                expired.TryAdd(backup.Id, $"older than spec.backup.retention.maxAge {System.Xml.XmlConvert.ToString(maxAge)}");
            }
        }

        return [.. expired.Select(e => new DeleteBackupAction(desired.Name, e.Key, endpoint, via, new ChangeReason.SpecChange(e.Value)))];
    }

    private static string FailureOf(BackupRecord backup, ObservedCluster observed) =>
        (observed.Zeebe.FollowedBackup is { } info && info.BackupId == backup.Id ? info.FailureReason : backup.FailureReason) is { Length: > 0 } reason ? $" ({reason})" : string.Empty;

    /// <summary>Every running broker's configuration names an S3 backup store (Zeebe refuses backups otherwise).</summary>
    private static bool BrokersHaveBackupStore(ObservedCluster observed) =>
        observed.Nodes.Where(n => n.IsRunning).ToList() is { Count: > 0 } running
        && running.All(n => n.CurrentTaskDefinition?.Definition.ContainerDefinitions is [var container, ..]
            && BackupStoreEnvironment.Configures(container.Environment, container.Image));
}
