using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;
using static ZeebeOperator.Core.Tests.Support.StatusPass;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>The backups part of the status after a pass: the last id, the schedule's anchor, the request answered, errors, finished backups.</summary>
public sealed class BackupStatusTests
{
    private const string RequestedAt = "2026-12-03T11:59:00Z";
    private static readonly DateTimeOffset Anchor = Now.AddHours(-5);
    private static readonly DesiredCluster Orders = Render(WithBackup(TestSpecs.Orders()));

    private static ZeebeClusterDocument WithBackup(ZeebeClusterDocument document) =>
        document with
        {
            Spec = document.Spec with
            {
                Backup = new BackupSpec("0 0 3 * * ?", BackupRetentionSpec.Default, new BackupStoreSpec("orders-backups", "orders", "eu-west-1", null), RequestedAt: RequestedAt),
            },
        };

    private static ClusterStatus PreviousWith(BackupsStatus backups) => new("orders", 1, "etag-1", [], [], Now.AddMinutes(-1), Backups: backups);

    private static TakeBackupAction Take(long id, BackupTrigger trigger) =>
        new("orders", id, BackupEndpoint.BackupRuntime, 0, trigger, new ChangeReason.SpecChange("spec.backup"));

    private static BackupsStatus Pass(BackupsStatus before, Func<ExecutionPlan, ExecutionPlan> plan, BackupOutcome? outcome = null, ObservedCluster? observed = null)
    {
        var previous = PreviousWith(before);
        var inspection = Inspect(Orders, observed ?? ObservedStates.Converged(Orders), previous);
        inspection = inspection with { Plan = plan(inspection.Plan) };
        return StatusAfter(inspection, new ExecutionResult([], Backup: outcome), previous).Backups!;
    }

    private static BackupPlan Taking(TakeBackupAction take, bool scheduleDue, bool requestDue) =>
        new(take, [], null, Now.AddDays(1), Anchor, scheduleDue, requestDue);

    [Fact]
    public void A_pass_whose_plan_is_refused_as_a_whole_keeps_the_schedule_s_anchor()
    {
        var before = new BackupsStatus(100, Anchor, null, []);

        var after = Pass(before, p => p with { Backup = null, Blockers = [new Blocker(null, BlockerReason.StorageChangeRefused, "spec.storage.fileSystemId would move the data")] });

        Assert.Equal(Anchor, after.ScheduledSince);
    }

    [Fact]
    public void A_backup_taken_raises_the_last_id_to_its_own()
    {
        var take = Take(200, BackupTrigger.Schedule);

        var after = Pass(new BackupsStatus(100, Anchor, null, []), p => p with { Backup = Taking(take, scheduleDue: true, requestDue: false) }, new BackupOutcome(take, true, null, [], []));

        Assert.Equal(200, after.LastBackupId);
        Assert.Equal(Now, after.ScheduledSince);
        Assert.Equal((200L, BackupRecord.InProgress), (after.Recent[0].Id, after.Recent[0].State));
    }

    [Fact]
    public void A_requested_backup_answers_the_request_and_leaves_the_schedule_s_anchor_alone()
    {
        var take = Take(200, BackupTrigger.Request);

        var after = Pass(new BackupsStatus(100, Anchor, null, []), p => p with { Backup = Taking(take, scheduleDue: false, requestDue: true) }, new BackupOutcome(take, true, null, [], []));

        Assert.Equal((200L, Anchor, RequestedAt), (after.LastBackupId, after.ScheduledSince, after.HandledRequest));
    }

    [Fact]
    public void A_backup_taken_clears_the_last_error()
    {
        var take = Take(200, BackupTrigger.Schedule);

        var after = Pass(
            new BackupsStatus(100, Anchor, null, [], "backup #100 was refused: 503"),
            p => p with { Backup = Taking(take, scheduleDue: true, requestDue: false) },
            new BackupOutcome(take, true, null, [], []));

        Assert.Null(after.LastError);
    }

    [Fact]
    public void A_backup_request_that_failed_is_recorded_as_the_last_error()
    {
        var take = Take(200, BackupTrigger.Schedule);

        var after = Pass(
            new BackupsStatus(100, Anchor, null, []),
            p => p with { Backup = Taking(take, scheduleDue: true, requestDue: false) },
            new BackupOutcome(take, false, null, [], ["backup #200 was refused: 503 Service Unavailable"]));

        Assert.Equal((200L, "backup #200 was refused: 503 Service Unavailable"), (after.LastBackupId!.Value, after.LastError));
        Assert.Empty(after.Recent);
    }

    [Fact]
    public void A_backup_Zeebe_reports_finished_records_when_its_last_partition_finished()
    {
        var running = new BackupRecord(200, Now.AddMinutes(-10), BackupRecord.InProgress, BackupTrigger.Schedule, 1);
        var finished = new BackupInfo(200, BackupState.Completed, null,
        [
            new PartitionBackup(1, BackupState.Completed, Now.AddMinutes(-10), Now.AddMinutes(-8), 0),
            new PartitionBackup(2, BackupState.Completed, Now.AddMinutes(-10), Now.AddMinutes(-3), 1),
            new PartitionBackup(3, BackupState.Completed, Now.AddMinutes(-10), Now.AddMinutes(-6), 2),
        ]);
        var observed = ObservedStates.Converged(Orders);
        observed = observed with { Zeebe = observed.Zeebe with { FollowedBackup = finished } };

        var after = Pass(new BackupsStatus(200, Anchor, null, [running]), p => p, observed: observed);

        var record = Assert.Single(after.Recent);
        Assert.Equal((BackupRecord.Completed, (DateTimeOffset?)Now.AddMinutes(-3)), (record.State, record.FinishedAt));
    }
}
