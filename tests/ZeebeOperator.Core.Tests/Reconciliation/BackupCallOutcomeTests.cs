using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>What the operator makes of a backup call that times out, is refused or fails, as the status shows it.</summary>
public sealed class BackupCallOutcomeTests : IDisposable
{
    private static readonly BackupStoreSpec Store = new("orders-backups", "orders", "eu-west-1", null);

    private readonly ScriptedPorts _ports = new();
    private readonly ScenarioHarness _harness;

    public BackupCallOutcomeTests() => _harness = new ScenarioHarness(_ports);

    public void Dispose() => _harness.Dispose();

    private SimulatedZeebeCluster Zeebe => _harness.Aws.Zeebe.Cluster;

    private OperatorHarness Operator => _harness.Operator;

    private IEnumerable<SimulatedZeebeCall> TakeCalls => Zeebe.Calls.Where(c => c.Operation == SimulatedZeebeOperation.TakeBackup);

    private static ZeebeClusterDocument Orders(int? keep = null, string schedule = "0 0 * * * ?", long generation = 1)
    {
        var document = TestSpecs.Orders(generation: generation);
        return document with { Spec = document.Spec with { Backup = new BackupSpec(schedule, new BackupRetentionSpec(keep, null), Store, false) } };
    }

    private async Task<BackupsStatus> BackupsAsync() => (await Operator.StatusAsync())!.Backups!;

    /// <summary>The next call of <paramref name="action"/> fails with <paramref name="error"/>, made first when <paramref name="reachesZeebe"/>.</summary>
    private void FailOnce(string action, ZeebeApiErrorKind error, bool reachesZeebe)
    {
        _ports.Around(action, async (_, proceed) =>
        {
            _ports.Clear(action);
            if (reachesZeebe)
            {
                await proceed();
            }

            throw new ZeebeApiException(error, $"{action}: {error}");
        });
    }

    [Fact]
    public async Task A_backup_request_that_timed_out_after_reaching_Zeebe_is_followed_as_taken_and_never_asked_again()
    {
        await _harness.ConvergedAsync(Orders());
        FailOnce("zeebe:TakeBackup", ZeebeApiErrorKind.Timeout, reachesZeebe: true);

        _harness.AdvanceTo(OperatorHarness.Start.AddHours(1).AddSeconds(1));
        await _harness.ConvergeCheckingAsync(() => { });

        var call = Assert.Single(TakeCalls);
        var backups = await BackupsAsync();
        Assert.Null(backups.LastError);
        var backup = Assert.Single(backups.Recent);
        Assert.Equal((call.BackupId!.Value, BackupRecord.Completed), (backup.Id, backup.State));
    }

    [Fact]
    public async Task A_backup_request_that_timed_out_unanswered_is_reported_as_failed_and_asked_again_with_a_higher_id()
    {
        await _harness.ConvergedAsync(Orders());
        FailOnce("zeebe:TakeBackup", ZeebeApiErrorKind.Timeout, reachesZeebe: false);
        FailOnce("zeebe:GetBackup", ZeebeApiErrorKind.Unreachable, reachesZeebe: false);

        _harness.AdvanceTo(OperatorHarness.Start.AddHours(1).AddSeconds(1));
        await Operator.ReconcileAsync();

        var afterTimeout = await BackupsAsync();
        Assert.Empty(afterTimeout.Recent);
        Assert.Contains("Timeout", afterTimeout.LastError, StringComparison.Ordinal);

        await _harness.ConvergeCheckingAsync(() => { });

        var taken = Assert.Single(Zeebe.InspectBackups("orders"));
        Assert.True(taken.BackupId > afterTimeout.LastBackupId);
        Assert.Null((await BackupsAsync()).LastError);
    }

    [Fact]
    public async Task A_backup_request_no_broker_answered_is_reported_as_failed_and_not_followed()
    {
        await _harness.ConvergedAsync(Orders());
        FailOnce("zeebe:TakeBackup", ZeebeApiErrorKind.Unreachable, reachesZeebe: false);

        _harness.AdvanceTo(OperatorHarness.Start.AddHours(1).AddSeconds(1));
        await Operator.ReconcileAsync();

        var backups = await BackupsAsync();
        Assert.Empty(backups.Recent);
        Assert.Contains("Unreachable", backups.LastError, StringComparison.Ordinal);
        Assert.Empty(Zeebe.InspectBackups("orders"));
    }

    [Fact]
    public async Task A_backup_id_refused_as_not_higher_than_Zeebes_is_reported_and_the_next_goes_beyond_the_highest_Zeebe_lists()
    {
        var document = Orders();
        await _harness.ConvergedAsync(document);
        // Backups the status does not know of (say taken by hand), with ids above the operator's next one.
        var highest = OperatorHarness.Start.AddHours(5).ToUnixTimeMilliseconds();
        foreach (var id in new[] { highest - 1000, highest })
        {
            await _harness.Aws.Zeebe.TakeBackupAsync(ClusterObserver.ManagementEndpoint(document, 0), BackupEndpoints.For(document.Spec.Image), id, CancellationToken.None);
            _harness.AdvanceTo(_harness.Time.GetUtcNow().AddMinutes(1));
        }

        _harness.AdvanceTo(OperatorHarness.Start.AddHours(1).AddSeconds(1));
        await Operator.ReconcileAsync();

        var refused = Assert.Single(TakeCalls, c => c.Outcome == SimulatedZeebeOutcome.ChangeInProgress);
        Assert.True(refused.BackupId < highest);
        var afterRefusal = await BackupsAsync();
        Assert.DoesNotContain(afterRefusal.Recent, b => b.Id == refused.BackupId);
        Assert.Contains($"#{refused.BackupId}", afterRefusal.LastError, StringComparison.Ordinal);
        Assert.Equal(highest, afterRefusal.LastBackupId);

        await _harness.ConvergeCheckingAsync(() => { });

        var accepted = Assert.Single(TakeCalls, c => c.Outcome == SimulatedZeebeOutcome.Accepted && c.BackupId > highest);
        Assert.Equal(accepted.BackupId, (await BackupsAsync()).Recent[0].Id);
    }

    [Fact]
    public async Task Deleting_backups_beyond_a_lowered_retention_is_progress_and_a_failed_delete_is_reported_not_counted()
    {
        await _harness.ConvergedAsync(Orders(keep: 3, schedule: "0 */5 * * * ?"));
        for (var round = 1; round <= 3; round++)
        {
            _harness.AdvanceTo(OperatorHarness.Start.AddMinutes(5 * round).AddSeconds(1));
            await _harness.ConvergeCheckingAsync(() => { });
        }

        Assert.Equal(3, Zeebe.InspectBackups("orders").Count);

        // Keep one: the oldest of the two to go cannot be deleted now.
        var oldest = Zeebe.InspectBackups("orders").Min(b => b.BackupId);
        _ports.Around("zeebe:DeleteBackup", async (call, proceed) =>
        {
            if (call.TryGetArgument<long>(out var id) && id == oldest)
            {
                throw new ZeebeApiException(ZeebeApiErrorKind.Unreachable, "connection refused");
            }

            await proceed();
        });
        Operator.Commit(Orders(keep: 1, schedule: "0 */5 * * * ?", generation: 2));
        await Operator.ReconcileAsync();

        var status = (await Operator.StatusAsync())!;
        Assert.Equal("Applying", status.Find(ConditionTypes.Progressing)!.Reason);
        Assert.Equal(2, Zeebe.InspectBackups("orders").Count);
        Assert.Contains($"#{oldest}", status.Backups!.LastError, StringComparison.Ordinal);
        Assert.Contains(status.Backups.Recent, b => b.Id == oldest);

        // The next pass has only the failing delete to do: nothing applied, and the failure still reported.
        await Operator.ReconcileAsync();

        status = (await Operator.StatusAsync())!;
        Assert.NotEqual("Applying", status.Find(ConditionTypes.Progressing)!.Reason);
        Assert.Contains($"#{oldest}", status.Backups!.LastError, StringComparison.Ordinal);
    }
}
