using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>Scheduled, requested and pre-upgrade backups on the strict simulated Zeebe (backups take 30 s there).</summary>
public sealed class BackupScenarioTests : IDisposable
{
    private static readonly BackupStoreSpec Store = new("orders-backups", "orders", "eu-west-1", null);

    private readonly ScenarioHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private SimulatedZeebeCluster Zeebe => _harness.Aws.Zeebe.Cluster;

    private OperatorHarness Operator => _harness.Operator;

    private static ZeebeClusterDocument Orders(BackupSpec? backup, int clusterSize = 3, string image = "camunda/camunda:8.8.3", long generation = 1)
    {
        var document = TestSpecs.Orders(clusterSize: clusterSize, image: image, generation: generation);
        return document with { Spec = document.Spec with { Backup = backup } };
    }

    private static BackupSpec Hourly(int? keep = null, bool beforeUpgrade = false, string? schedule = "0 0 * * * ?") =>
        new(schedule, new BackupRetentionSpec(keep, null), Store, beforeUpgrade);

    private IEnumerable<SimulatedZeebeCall> Taken => Zeebe.Calls.Where(c => c is { Operation: SimulatedZeebeOperation.TakeBackup, Outcome: SimulatedZeebeOutcome.Accepted });

    [Fact]
    public async Task A_scheduled_backup_is_taken_when_due_with_a_rising_id_followed_to_COMPLETED_and_audited()
    {
        await _harness.ConvergedAsync(Orders(Hourly()));
        Assert.Empty(Taken);

        var converged = Operator.Results[^1];
        Assert.Equal(OperatorHarness.Start.AddHours(1), _harness.Time.GetUtcNow() + converged.RequeueAfter!.Value - TimeSpan.FromSeconds(1));

        _harness.AdvanceTo(OperatorHarness.Start.AddHours(1).AddSeconds(1));
        await _harness.ConvergeCheckingAsync(() => { });

        var call = Assert.Single(Taken);
        Assert.Equal(call.At.ToUnixTimeMilliseconds(), call.BackupId);
        var status = (await Operator.StatusAsync())!.Backups!;
        var backup = Assert.Single(status.Recent);
        Assert.Equal((call.BackupId!.Value, BackupRecord.Completed, BackupTrigger.Schedule), (backup.Id, backup.State, backup.Trigger));
        Assert.Equal(BackupState.Completed, Assert.Single(Zeebe.InspectBackups("orders")).State);
        Assert.Contains(_harness.Aws.Audit.All, r => r is { Action: "zeebe:TakeBackup", Phase: AuditPhase.Succeeded } && r.Resource == $"orders backup {call.BackupId}");

        await Operator.ReconcileAsync();
        Assert.Single(Taken);
    }

    [Fact]
    public async Task A_due_backup_waits_for_a_running_topology_change_and_is_never_refused_with_409()
    {
        await _harness.ConvergedAsync(Orders(Hourly()));
        _harness.AdvanceTo(OperatorHarness.Start.AddHours(1).AddSeconds(-20));
        Operator.Commit(Orders(Hourly(), clusterSize: 4, generation: 2));

        var sawChangeAndDueBackup = false;
        await _harness.ConvergeCheckingAsync(() =>
        {
            var topology = Zeebe.Inspect("orders");
            var backupRunning = Zeebe.InspectBackups("orders").Any(b => b.State == BackupState.InProgress);
            Assert.False(topology?.PendingChange is not null && backupRunning, "a backup runs during a topology change");
            sawChangeAndDueBackup |= topology?.PendingChange is not null && _harness.Time.GetUtcNow() > OperatorHarness.Start.AddHours(1);
        });

        Assert.True(sawChangeAndDueBackup, "the scenario should have had the backup due while the change ran");
        Assert.Single(Taken);
        Assert.DoesNotContain(Zeebe.Calls, c => c is { Operation: SimulatedZeebeOperation.TakeBackup, Outcome: SimulatedZeebeOutcome.ChangeInProgress });
        Assert.True(Taken.Single().At > Zeebe.Calls.Last(c => c.Operation == SimulatedZeebeOperation.AddBrokers && c.Outcome == SimulatedZeebeOutcome.Accepted).At);
    }

    [Fact]
    public async Task A_topology_change_waits_for_the_backup_in_progress()
    {
        await _harness.ConvergedAsync(Orders(Hourly()));
        _harness.AdvanceTo(OperatorHarness.Start.AddHours(1).AddSeconds(1));
        await Operator.ReconcileAsync();
        var backupId = Assert.Single(Taken).BackupId;

        Operator.Commit(Orders(Hourly(), clusterSize: 4, generation: 2));
        await _harness.ConvergeCheckingAsync(() => { });

        var completedAt = (await Operator.StatusAsync())!.Backups!.Recent.Single(b => b.Id == backupId).FinishedAt!.Value;
        var added = Zeebe.Calls.First(c => c.Operation == SimulatedZeebeOperation.AddBrokers && c.Outcome == SimulatedZeebeOutcome.Accepted);
        Assert.True(added.At >= completedAt, $"brokers were added at {added.At:T}, before backup #{backupId} completed at {completedAt:T}");
        Assert.Equal(BackupState.Completed, Zeebe.InspectBackups("orders").Single().State);
        Assert.Equal([0, 1, 2, 3], Zeebe.Inspect("orders")!.BrokerIds);
    }

    [Fact]
    public async Task Backups_beyond_the_retention_count_are_deleted_newest_kept()
    {
        await _harness.ConvergedAsync(Orders(Hourly(keep: 2, schedule: "0 */5 * * * ?")));
        for (var round = 1; round <= 4; round++)
        {
            _harness.AdvanceTo(OperatorHarness.Start.AddMinutes(5 * round).AddSeconds(1));
            await _harness.ConvergeCheckingAsync(() => { });
        }

        await Operator.ReconcileAsync();

        var taken = Taken.Select(c => c.BackupId!.Value).ToList();
        Assert.Equal(4, taken.Count);
        Assert.Equal(taken.OrderDescending().Take(2), Zeebe.InspectBackups("orders").Select(b => b.BackupId));
        Assert.Equal(taken.OrderDescending().Take(2), (await Operator.StatusAsync())!.Backups!.Recent.Select(b => b.Id));
        Assert.Equal(2, _harness.Aws.Audit.All.Count(r => r is { Action: "zeebe:DeleteBackup", Phase: AuditPhase.Succeeded }));
    }

    [Fact]
    public async Task A_request_takes_one_backup_now_and_only_once()
    {
        await _harness.ConvergedAsync(Orders(Hourly(schedule: null)));
        Operator.Commit(Orders(Hourly(schedule: null) with { RequestedAt = "2026-11-22T08:05:00Z" }, generation: 2));

        await _harness.ConvergeCheckingAsync(() => { });
        await Operator.ReconcileAsync();

        var backup = Assert.Single((await Operator.StatusAsync())!.Backups!.Recent);
        Assert.Equal((BackupTrigger.Request, BackupRecord.Completed), (backup.Trigger, backup.State));
        Assert.Single(Taken);
    }

    [Fact]
    public async Task A_new_operator_instance_follows_the_backup_in_progress_and_takes_the_next_with_a_higher_id()
    {
        await _harness.ConvergedAsync(Orders(Hourly()));
        _harness.AdvanceTo(OperatorHarness.Start.AddHours(1).AddSeconds(1));
        await Operator.ReconcileAsync();
        var first = Assert.Single(Taken).BackupId!.Value;

        using var successor = new OperatorHarness(_harness.Aws, _harness.Time, _harness.Aws.Zeebe);
        await successor.ConvergeAsync(step: TimeSpan.FromSeconds(5));
        Assert.Equal(BackupRecord.Completed, (await successor.StatusAsync())!.Backups!.Recent.Single().State);

        _harness.AdvanceTo(OperatorHarness.Start.AddHours(2).AddSeconds(1));
        await successor.ConvergeAsync(step: TimeSpan.FromSeconds(5));

        Assert.Equal(2, Taken.Count());
        Assert.True(Taken.Last().BackupId > first);
    }

    [Fact]
    public async Task Before_a_rolling_update_a_backup_completes_before_the_first_broker_restarts()
    {
        await _harness.ConvergedAsync(Orders(Hourly(beforeUpgrade: true, schedule: null)));
        var mark = _harness.Aws.Calls.Mark();
        Operator.Commit(Orders(Hourly(beforeUpgrade: true, schedule: null), image: "camunda/camunda:8.8.4", generation: 2));

        await _harness.ConvergeCheckingAsync(() => { });

        var backup = Assert.Single((await Operator.StatusAsync())!.Backups!.Recent);
        Assert.Equal((BackupTrigger.BeforeUpgrade, BackupRecord.Completed, 2L), (backup.Trigger, backup.State, backup.Generation));
        var firstRestart = _harness.Aws.Calls.Since(mark).First(c => c.Operation == "UpdateService");
        Assert.True(firstRestart.Timestamp >= backup.FinishedAt, $"broker restarted at {firstRestart.Timestamp:T}, backup completed at {backup.FinishedAt:T}");
        Assert.Single(Taken);
    }

    [Fact]
    public async Task Each_rolling_update_takes_its_own_backup_before_its_first_restart()
    {
        await _harness.ConvergedAsync(Orders(Hourly(beforeUpgrade: true, schedule: null)));
        Operator.Commit(Orders(Hourly(beforeUpgrade: true, schedule: null), image: "camunda/camunda:8.8.4", generation: 2));
        await _harness.ConvergeCheckingAsync(() => { });
        var mark = _harness.Aws.Calls.Mark();

        Operator.Commit(Orders(Hourly(beforeUpgrade: true, schedule: null), image: "camunda/camunda:8.8.5", generation: 3));
        await _harness.ConvergeCheckingAsync(() => { });

        var recent = (await Operator.StatusAsync())!.Backups!.Recent;
        Assert.Equal([2L, 3L], recent.Where(b => b.Trigger == BackupTrigger.BeforeUpgrade).Select(b => b.Generation).Order());
        var upgrade = Assert.Single(recent, b => b.Generation == 3);
        var firstRestart = _harness.Aws.Calls.Since(mark).First(c => c.Operation == "UpdateService");
        Assert.True(firstRestart.Timestamp >= upgrade.FinishedAt, $"broker restarted at {firstRestart.Timestamp:T}, backup completed at {upgrade.FinishedAt:T}");
    }

    [Fact]
    public async Task A_failed_backup_before_a_rolling_update_holds_the_rollout_with_a_clear_reason()
    {
        await _harness.ConvergedAsync(Orders(Hourly(beforeUpgrade: true, schedule: null)));
        Zeebe.FailNextBackup("orders", "Access Denied writing to s3://orders-backups");
        var mark = _harness.Aws.Calls.Mark();
        Operator.Commit(Orders(Hourly(beforeUpgrade: true, schedule: null), image: "camunda/camunda:8.8.4", generation: 2));

        var result = await _harness.ConvergeCheckingAsync(() => { });

        Assert.Equal(ReconcileOutcome.Blocked, result.Outcome);
        var degraded = (await Operator.StatusAsync())!.Find(ConditionTypes.Degraded)!;
        Assert.Equal("BackupFailed", degraded.Reason);
        Assert.Contains("is FAILED (Access Denied writing to s3://orders-backups); no broker is restarted", degraded.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.Aws.Calls.Since(mark), c => c.Operation == "UpdateService");
    }
}
