using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Planning;

/// <summary>Backups on the pure planner: when one is due, what it waits for, which broker is asked, what retention deletes.</summary>
public sealed class BackupPlannerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly PlanningContext Now = PlanningContext.At(Noon);
    private static readonly BackupStoreSpec Store = new("orders-backups", "orders", "us-east-1", null);
    private readonly DesiredStateRenderer _renderer = new("us-east-1");

    private static BackupSpec Hourly(BackupRetentionSpec? retention = null, bool beforeUpgrade = false, string? schedule = "0 0 * * * ?") =>
        new(schedule, retention ?? BackupRetentionSpec.Default, Store, beforeUpgrade);

    private static ZeebeClusterDocument WithBackup(ZeebeClusterDocument document, BackupSpec? backup) =>
        document with { Spec = document.Spec with { Backup = backup } };

    private static PlanningContext After(BackupsStatus backups) =>
        Now with { Previous = new ClusterStatus("orders", 1, "\"e\"", [], [], Noon.AddMinutes(-1), Backups: backups) };

    private static BackupsStatus ScheduledSince(DateTimeOffset since, params BackupRecord[] recent) => new(100, since, null, recent);

    private static BackupRecord Record(long id, TimeSpan ago, string state) => new(id, Noon - ago, state, BackupTrigger.Schedule, 1);

    private DesiredCluster Orders(BackupSpec? backup, int clusterSize = 3) => _renderer.Render(WithBackup(TestSpecs.Orders(clusterSize: clusterSize), backup));

    private static ObservedCluster Stopped(ObservedCluster observed, params int[] nodeIds) =>
        nodeIds.Aggregate(observed, (o, id) => o.WithNode(id, n => n with { Task = n.Task! with { LastStatus = EcsTaskStatus.Pending } }));

    private (DesiredCluster Desired, ObservedCluster Observed) Upgrading(BackupSpec backup, bool storeConfigured)
    {
        var running = _renderer.Render(WithBackup(TestSpecs.Orders(), storeConfigured ? backup : null));
        var desired = _renderer.Render(WithBackup(TestSpecs.Orders(image: "camunda/camunda:8.8.4", generation: 2), backup), running.Bootstrap);
        return (desired, ObservedStates.Converged(running));
    }

    [Fact]
    public void A_scheduled_backup_is_taken_at_the_very_moment_it_is_due_and_the_next_one_is_an_hour_later()
    {
        var desired = Orders(Hourly());

        var plan = Planner.Plan(desired, ObservedStates.Converged(desired), After(ScheduledSince(Noon.AddMinutes(-30))));

        var backup = plan.Backup!;
        Assert.Equal(BackupTrigger.Schedule, backup.Take!.Trigger);
        Assert.True(backup.ScheduleDue);
        Assert.Equal(Noon.AddHours(1), backup.NextDue);
    }

    [Fact]
    public void Before_the_schedule_is_due_nothing_is_taken_and_the_plan_comes_back_at_the_due_time()
    {
        var desired = Orders(Hourly(schedule: "0 30 * * * ?"));

        var backup = Planner.Plan(desired, ObservedStates.Converged(desired), After(ScheduledSince(Noon.AddMinutes(-10)))).Backup!;

        Assert.Null(backup.Take);
        Assert.Equal(Noon.AddMinutes(30), backup.NextDue);
        Assert.False(backup.ScheduleDue);
        Assert.False(backup.RequestDue);
    }

    [Fact]
    public void A_due_backup_waits_while_another_is_in_progress_and_nothing_counts_as_answered()
    {
        var desired = Orders(Hourly());
        var running = Record(1764000000000, TimeSpan.FromMinutes(5), BackupRecord.InProgress);

        var backup = Planner.Plan(desired, ObservedStates.Converged(desired), After(ScheduledSince(Noon.AddMinutes(-30), running))).Backup!;

        Assert.Null(backup.Take);
        Assert.Contains("#1764000000000", backup.Waiting, StringComparison.Ordinal);
        Assert.False(backup.ScheduleDue);
        Assert.False(backup.RequestDue);
    }

    [Fact]
    public void A_due_backup_waits_while_the_cluster_API_is_unavailable()
    {
        var desired = Orders(Hourly());

        var backup = Planner.Plan(desired, ObservedStates.Converged(desired).WithTopology(null), After(ScheduledSince(Noon.AddMinutes(-30)))).Backup!;

        Assert.Null(backup.Take);
        Assert.NotNull(backup.Waiting);
    }

    [Fact]
    public void A_due_backup_waits_until_every_running_broker_has_the_backup_store()
    {
        var desired = Orders(Hourly());
        var withoutStore = _renderer.Render(TestSpecs.Orders());
        var observed = ObservedStates.Converged(desired).WithNode(2, _ => ObservedStates.ConvergedNode(withoutStore.Nodes[2]));

        var backup = Planner.Plan(desired, observed, After(ScheduledSince(Noon.AddMinutes(-30)))).Backup!;

        Assert.Null(backup.Take);
        Assert.NotNull(backup.Waiting);
    }

    [Fact]
    public void A_due_backup_waits_when_no_member_broker_runs_even_if_a_broker_outside_the_cluster_does()
    {
        var desired = Orders(Hourly());
        var outsider = ObservedStates.ConvergedNode(Orders(Hourly(), clusterSize: 4).Nodes[3]);
        var observed = Stopped(ObservedStates.Converged(desired), 0, 1, 2);
        observed = observed with { Nodes = [.. observed.Nodes, outsider] };

        var backup = Planner.Plan(desired, observed, After(ScheduledSince(Noon.AddMinutes(-30)))).Backup!;

        Assert.Null(backup.Take);
        Assert.NotNull(backup.Waiting);
    }

    [Fact]
    public void A_backup_is_asked_for_through_the_first_member_broker_that_runs()
    {
        var desired = Orders(Hourly());

        var backup = Planner.Plan(desired, Stopped(ObservedStates.Converged(desired), 0), After(ScheduledSince(Noon.AddMinutes(-30)))).Backup!;

        Assert.Equal(1, backup.Take!.ViaNodeId);
    }

    [Fact]
    public void Without_beforeUpgrade_the_rolling_update_restarts_the_first_broker_without_a_backup()
    {
        var (desired, observed) = Upgrading(Hourly(schedule: null), storeConfigured: true);

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Null(plan.Backup!.Take);
        Assert.Contains(plan.Nodes[2].Actions, a => a is UpdateServiceAction { RestartsBroker: true });
    }

    [Fact]
    public void With_beforeUpgrade_but_no_backup_store_yet_the_rolling_update_that_brings_the_store_goes_without_a_backup()
    {
        var (desired, observed) = Upgrading(Hourly(beforeUpgrade: true, schedule: null), storeConfigured: false);

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Null(plan.Backup!.Take);
        Assert.Contains(plan.Nodes[2].Actions, a => a is UpdateServiceAction { RestartsBroker: true });
    }

    [Fact]
    public void With_beforeUpgrade_the_rolling_update_is_held_for_a_backup_taken_first()
    {
        var (desired, observed) = Upgrading(Hourly(beforeUpgrade: true, schedule: null), storeConfigured: true);

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Equal(BackupTrigger.BeforeUpgrade, plan.Backup!.Take!.Trigger);
        Assert.DoesNotContain(plan.Actions, a => a is UpdateServiceAction { RestartsBroker: true });
        Assert.Equal([0, 1, 2], plan.Held.Select(h => h.NodeId).Order());
    }

    [Fact]
    public void A_failed_backup_is_deleted_once_a_newer_one_completed_but_a_failed_one_newer_than_that_stays()
    {
        var desired = Orders(Hourly(new BackupRetentionSpec(10, null), schedule: "0 30 * * * ?"));
        var status = ScheduledSince(
            Noon.AddMinutes(-10),
            Record(300, TimeSpan.FromHours(1), BackupRecord.Failed),
            Record(200, TimeSpan.FromHours(2), BackupRecord.Completed),
            Record(100, TimeSpan.FromHours(3), BackupRecord.Failed));

        var backup = Planner.Plan(desired, ObservedStates.Converged(desired), After(status)).Backup!;

        Assert.Equal([100L], backup.Deletes.Select(d => d.BackupId));
    }

    [Fact]
    public void Backups_older_than_maxAge_are_deleted_but_the_newest_completed_one_and_one_exactly_maxAge_old_stay()
    {
        var desired = Orders(Hourly(new BackupRetentionSpec(null, TimeSpan.FromDays(7)), schedule: "0 30 * * * ?"));
        var status = ScheduledSince(
            Noon.AddMinutes(-10),
            Record(500, TimeSpan.FromDays(1), BackupRecord.Failed),
            Record(400, TimeSpan.FromDays(8), BackupRecord.Completed),
            Record(300, TimeSpan.FromDays(7), BackupRecord.Completed),
            Record(200, TimeSpan.FromDays(9), BackupRecord.Completed));

        var backup = Planner.Plan(desired, ObservedStates.Converged(desired), After(status)).Backup!;

        var delete = Assert.Single(backup.Deletes);
        Assert.Equal(200L, delete.BackupId);
        Assert.Contains("spec.backup.retention.maxAge", delete.Reason.ToString(), StringComparison.Ordinal);
        Assert.False(delete.Reason.IsDrift);
    }

    [Fact]
    public void Without_spec_backup_the_plan_has_no_backup_and_nothing_due()
    {
        var desired = Orders(null);

        var backup = Planner.Plan(desired, ObservedStates.Converged(desired), Now).Backup!;

        Assert.Empty(backup.Actions);
        Assert.Null(backup.NextDue);
        Assert.False(backup.ScheduleDue);
        Assert.False(backup.RequestDue);
    }

    [Fact]
    public void A_backup_due_with_an_old_failed_one_is_taken_before_the_old_one_is_deleted()
    {
        var desired = Orders(Hourly(new BackupRetentionSpec(10, null)));
        var status = ScheduledSince(
            Noon.AddMinutes(-30),
            Record(200, TimeSpan.FromHours(1), BackupRecord.Completed),
            Record(100, TimeSpan.FromHours(2), BackupRecord.Failed));

        var plan = Planner.Plan(desired, ObservedStates.Converged(desired), After(status));

        Assert.Equal([typeof(TakeBackupAction), typeof(DeleteBackupAction)], plan.BackupActions.Select(a => a.GetType()));
        var steps = plan.ToPreview().Steps;
        Assert.Equal(["take", "delete"], steps.Select(s => s.Verb));
    }

    [Fact]
    public void The_plan_preview_notes_the_backup_due_now_and_the_next_scheduled_one()
    {
        var desired = Orders(Hourly());

        var plan = Planner.Plan(desired, ObservedStates.Converged(desired), After(ScheduledSince(Noon.AddMinutes(-30))));

        var notes = plan.ToPreview().Backups!;
        Assert.Contains(notes, n => n.Contains($"#{plan.Backup!.Take!.BackupId}", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("2026-11-22 13:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plan_preview_notes_what_a_due_backup_waits_for()
    {
        var desired = Orders(Hourly());

        var plan = Planner.Plan(desired, ObservedStates.Converged(desired).WithTopology(null), After(ScheduledSince(Noon.AddMinutes(-30))));

        Assert.Contains(plan.Backup!.Waiting!, plan.ToPreview().Backups!);
    }

    [Fact]
    public void A_schedule_anchor_ahead_of_this_clock_is_kept_and_the_plan_comes_back_at_its_next_occurrence()
    {
        var desired = Orders(Hourly());

        var backup = Planner.Plan(desired, ObservedStates.Converged(desired), After(ScheduledSince(Noon.AddMinutes(90)))).Backup!;

        Assert.Null(backup.Take);
        Assert.Equal(Noon.AddHours(2), backup.NextDue);
    }
}
