using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Zeebe;
using static ZeebeOperator.Core.Tests.ZeebeSimulation.ZeebeSimulationFixture;

namespace ZeebeOperator.Core.Tests.ZeebeSimulation;

/// <summary>The backup management API (<c>/actuator/backupRuntime</c> on 8.8+), as strict as Zeebe's.</summary>
public sealed class SimulatedBackupTests
{
    private const BackupEndpoint Runtime = BackupEndpoint.BackupRuntime;

    private readonly ZeebeSimulationFixture _sim = new();

    public SimulatedBackupTests()
    {
        Zeebe.EnsureCluster(Cluster, initialClusterSize: 3, partitionCount: 3, replicationFactor: 3);
        _sim.Run(0, 1, 2);
        Zeebe.ConfigureBackups(Cluster, Runtime, storeConfigured: true);
    }

    private SimulatedZeebeCluster Zeebe => _sim.Zeebe;

    [Fact]
    public async Task A_backup_is_in_progress_for_a_while_then_completed_on_every_partition()
    {
        await Zeebe.TakeBackupAsync(Broker(1), Runtime, 100, CancellationToken.None);

        var running = await Zeebe.GetBackupAsync(Broker(0), Runtime, 100, CancellationToken.None);
        Assert.Equal(BackupState.InProgress, running.State);
        Assert.Equal([1, 2, 3], running.Partitions.Select(p => p.PartitionId));

        _sim.Clock.Advance(TimeSpan.FromSeconds(30));

        var done = await Zeebe.GetBackupAsync(Broker(0), Runtime, 100, CancellationToken.None);
        Assert.Equal(BackupState.Completed, done.State);
        Assert.All(done.Partitions, p => Assert.Equal(BackupState.Completed, p.State));
        Assert.Equal(Start, done.CreatedAt);
    }

    [Fact]
    public async Task The_list_is_highest_id_first_and_a_deleted_backup_is_gone()
    {
        await Zeebe.TakeBackupAsync(Broker(0), Runtime, 1, CancellationToken.None);
        _sim.Clock.Advance(TimeSpan.FromMinutes(1));
        await Zeebe.TakeBackupAsync(Broker(0), Runtime, 2, CancellationToken.None);

        Assert.Equal([2L, 1L], (await Zeebe.ListBackupsAsync(Broker(0), Runtime, CancellationToken.None)).Select(b => b.BackupId));

        await Zeebe.DeleteBackupAsync(Broker(0), Runtime, 1, CancellationToken.None);

        Assert.Equal([2L], (await Zeebe.ListBackupsAsync(Broker(0), Runtime, CancellationToken.None)).Select(b => b.BackupId));
        var missing = await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.GetBackupAsync(Broker(0), Runtime, 1, CancellationToken.None));
        Assert.Equal(ZeebeApiErrorKind.NotFound, missing.Kind);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public async Task An_id_not_higher_than_every_earlier_one_is_a_409_even_after_that_backup_was_deleted(long next)
    {
        await Zeebe.TakeBackupAsync(Broker(0), Runtime, 5, CancellationToken.None);
        await Zeebe.DeleteBackupAsync(Broker(0), Runtime, 5, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.TakeBackupAsync(Broker(0), Runtime, next, CancellationToken.None));

        Assert.Equal(ZeebeApiErrorKind.ChangeInProgress, refused.Kind);
        Assert.Contains("same or higher id already exists", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Zeebe.InspectBackups(Cluster));
    }

    [Fact]
    public async Task A_backup_is_refused_with_409_while_a_topology_change_runs_and_taken_once_it_completed()
    {
        _sim.Run(3);
        await Zeebe.AddBrokersAsync(Broker(0), [3], dryRun: false, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.TakeBackupAsync(Broker(0), Runtime, 7, CancellationToken.None));
        Assert.Equal(ZeebeApiErrorKind.ChangeInProgress, refused.Kind);
        Assert.Contains(Zeebe.Calls, c => c is { Operation: SimulatedZeebeOperation.TakeBackup, Outcome: SimulatedZeebeOutcome.ChangeInProgress, BackupId: 7 });

        _sim.Clock.Advance(TimeSpan.FromMinutes(5));
        await Zeebe.TakeBackupAsync(Broker(0), Runtime, 7, CancellationToken.None);

        Assert.Equal(7, Assert.Single(Zeebe.InspectBackups(Cluster)).BackupId);
    }

    [Fact]
    public async Task Without_a_backup_store_every_backup_request_is_a_400()
    {
        Zeebe.ConfigureBackups(Cluster, Runtime, storeConfigured: false);

        var refused = await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.TakeBackupAsync(Broker(0), Runtime, 1, CancellationToken.None));

        Assert.Equal(ZeebeApiErrorKind.InvalidRequest, refused.Kind);
        Assert.Contains("not enabled or configured", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_path_the_image_does_not_serve_is_a_404()
    {
        var newer = await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.TakeBackupAsync(Broker(0), BackupEndpoint.Backups, 1, CancellationToken.None));
        Zeebe.ConfigureBackups(Cluster, BackupEndpoint.Backups, storeConfigured: true);
        var older = await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.ListBackupsAsync(Broker(0), Runtime, CancellationToken.None));

        Assert.Equal((ZeebeApiErrorKind.NotFound, ZeebeApiErrorKind.NotFound), (newer.Kind, older.Kind));
        Assert.Contains("actuator/backupRuntime", newer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broker_that_stops_while_its_partition_is_backed_up_fails_the_backup()
    {
        await Zeebe.TakeBackupAsync(Broker(0), Runtime, 1, CancellationToken.None);
        _sim.Clock.Advance(TimeSpan.FromSeconds(10));
        _sim.Stop(2);

        var failed = await Zeebe.GetBackupAsync(Broker(0), Runtime, 1, CancellationToken.None);

        Assert.Equal(BackupState.Failed, failed.State);
        Assert.Contains("broker 2 stopped", failed.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fault_hook_fails_the_next_backup_when_it_would_complete()
    {
        Zeebe.FailNextBackup(Cluster, "the bucket denied PutObject");
        await Zeebe.TakeBackupAsync(Broker(0), Runtime, 1, CancellationToken.None);
        Assert.Equal(BackupState.InProgress, (await Zeebe.GetBackupAsync(Broker(0), Runtime, 1, CancellationToken.None)).State);

        _sim.Clock.Advance(TimeSpan.FromMinutes(1));

        var failed = await Zeebe.GetBackupAsync(Broker(0), Runtime, 1, CancellationToken.None);
        Assert.Equal((BackupState.Failed, "the bucket denied PutObject"), (failed.State, failed.FailureReason));
    }
}
