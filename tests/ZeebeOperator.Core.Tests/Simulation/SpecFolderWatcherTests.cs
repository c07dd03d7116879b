using Microsoft.Extensions.Logging.Abstractions;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Simulation;

/// <summary><c>run --local --specs DIR</c>: an edit in the folder is announced at once, like a commit to the bucket.</summary>
public sealed class SpecFolderWatcherTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("zeebe-specs-");
    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly SpecFolderWatcher _watcher;

    public SpecFolderWatcherTests()
    {
        _aws = new SimulatedAws(_time);
        _aws.Events.Enabled = true;
        _watcher = new SpecFolderWatcher(_directory.FullName, _aws.Context, NullLogger.Instance);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Saving_a_spec_file_queues_its_cluster_through_the_events_queue()
    {
        var noticed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _watcher.Noticed += name =>
        {
            if (name == "orders.json")
            {
                noticed.TrySetResult();
            }
        };
        Assert.True(_watcher.Start());

        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "orders.json"), """{"apiVersion":"zeebe.io/v1"}""");
        await noticed.Task.WaitAsync(Generous);
        _time.Advance(SpecFolderWatcher.Debounce);

        Assert.Equal(["orders"], await ClustersAnnouncedAsync());
    }

    [Fact]
    public async Task The_file_events_of_one_save_become_one_event_once_the_file_has_been_quiet()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "orders.json"), "{}");

        _watcher.Notice("orders.json");
        _watcher.Notice("orders.json");
        _time.Advance(SpecFolderWatcher.Debounce / 2);
        _watcher.Notice("orders.json");
        _watcher.Notice("notes.txt");
        _time.Advance(SpecFolderWatcher.Debounce / 2);
        var whileSaving = _aws.Events.Count;
        _time.Advance(SpecFolderWatcher.Debounce / 2);

        Assert.Equal(0, whileSaving);
        Assert.Equal(1, _aws.Events.Count);
        Assert.Equal(["orders"], await ClustersAnnouncedAsync());
    }

    [Fact]
    public async Task A_deleted_spec_file_is_announced_as_a_deletion_which_queues_only_a_known_cluster()
    {
        _watcher.Notice("payments.json");
        _time.Advance(SpecFolderWatcher.Debounce);

        var reading = EventEnvelopes.Read(Assert.Single(await _aws.Events.ReceiveAsync(10, TimeSpan.Zero, CancellationToken.None)).Body);

        Assert.True(reading.Removal);
        Assert.Equal(["payments"], new EventRouter(new ClusterPlacements()).ClustersOf(reading, string.Empty, ["payments"]));
        Assert.Empty(new EventRouter(new ClusterPlacements()).ClustersOf(reading, string.Empty, []));
    }

    [Fact]
    public void A_folder_that_cannot_be_watched_leaves_the_listing_to_pick_edits_up()
    {
        using var missing = new SpecFolderWatcher(Path.Combine(_directory.FullName, "gone"), _aws.Context, NullLogger.Instance);

        Assert.False(missing.Start());
        Assert.False(missing.Watching);
    }

    private async Task<IReadOnlyList<string>> ClustersAnnouncedAsync()
    {
        var messages = await _aws.Events.ReceiveAsync(10, TimeSpan.Zero, CancellationToken.None);
        var router = new EventRouter(new ClusterPlacements());
        return [.. messages.SelectMany(m => router.ClustersOf(EventEnvelopes.Read(m.Body), string.Empty, [])).Distinct()];
    }
}
