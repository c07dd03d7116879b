using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Reconciliation;

/// <summary>The backups part of the status after a pass: what was taken, what finished, what was deleted. Pure.</summary>
internal static class BackupStatusCalculator
{
    /// <summary>The status keeps this many backups (newest first); retention deletes older ones in Zeebe.</summary>
    public const int MaxRecorded = 50;

    public static BackupsStatus? Next(Inspection inspection, ExecutionResult execution, ClusterStatus? previous, DateTimeOffset now)
    {
        var (desired, observed, plan, _) = inspection;
        if (desired.Document.Spec.Backup is not { } spec)
        {
            return previous?.Backups;
        }

        var before = previous?.Backups ?? BackupsStatus.Empty;
        var backupPlan = plan.Backup ?? BackupPlan.None;
        var recent = before.Recent.Select(b => Refreshed(b, observed, now)).ToList();
        var (lastId, since, handled, error) = (before.LastBackupId, before.ScheduledSince ?? backupPlan.Since, before.HandledRequest, before.LastError);
        if (execution.Backup is { } outcome)
        {
            if (outcome.Take is { } take)
            {
                // Ids only grow: an id asked for is never asked for again, whatever came of it.
                lastId = new[] { lastId, take.BackupId, outcome.HighestKnownId }.Max();
                if (outcome.Taken)
                {
                    recent.Insert(0, new BackupRecord(take.BackupId, now, BackupRecord.InProgress, take.Trigger, desired.Document.Metadata.Generation));
                    since = backupPlan.ScheduleDue ? now : since;
                    handled = backupPlan.RequestDue ? spec.RequestedAt : handled;
                    error = null;
                }
            }

            recent.RemoveAll(b => outcome.Deleted.Contains(b.Id));
            error = outcome.Errors.Count > 0 ? string.Join("; ", outcome.Errors) : error;
        }

        return new BackupsStatus(lastId, since, handled, [.. recent.Take(MaxRecorded)], error);
    }

    private static BackupRecord Refreshed(BackupRecord backup, ObservedCluster observed, DateTimeOffset now) =>
        backup.IsInProgress && observed.Zeebe.FollowedBackup is { } info && info.BackupId == backup.Id && info.State.IsFinal()
            ? backup with
            {
                State = info.State.ToApiName(),
                FinishedAt = info.Partitions.Select(p => p.LastUpdatedAt).Max() ?? now,
                FailureReason = info.FailureReason,
            }
            : backup;
}
