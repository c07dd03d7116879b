using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Aws;
using ZeebeOperator.Aws.S3;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Host.Controller;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Controller;

public sealed class SpecWatcherTests : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

    private readonly ManualTimeProvider clock = new(TestTime.Start);
    private readonly Mock<ISpecStore> store = new(MockBehavior.Strict);
    private readonly WorkQueue queue;
    private readonly KnownClusters known = new();
    private readonly SpecWatcher watcher;
    private IReadOnlyList<SpecObject> listing = [];

    public SpecWatcherTests()
    {
        var options = new OperatorOptions { SpecPollInterval = PollInterval };
        queue = new WorkQueue(clock, Options.Create(options));
        store.Setup(s => s.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => listing);
        watcher = new SpecWatcher(store.Object, queue, known, Options.Create(options), clock, NullLogger<SpecWatcher>.Instance);
    }

    public void Dispose()
    {
        watcher.Dispose();
        queue.Dispose();
    }

    [Fact]
    public async Task The_first_listing_queues_every_cluster_spec()
    {
        Listing(("orders.json", "e1"), ("payments.json", "e2"));

        var changes = await watcher.PollOnceAsync(CancellationToken.None);

        Assert.Equal(["orders", "payments"], changes.Added.Order());
        Assert.Equal(["orders", "payments"], await DrainAsync());
        Assert.Equal(["orders", "payments"], known.Snapshot().Order());
    }

    [Fact]
    public async Task Keys_that_are_not_specs_are_ignored()
    {
        Listing(("orders.json", "e1"), ("templates/ecs.json", "e2"), ("README.md", "e3"), (".json", "e4"));

        var changes = await watcher.PollOnceAsync(CancellationToken.None);

        Assert.Equal(["orders"], changes.Added);
        Assert.Equal(["orders"], known.Snapshot());
    }

    [Fact]
    public async Task An_unchanged_ETag_queues_nothing()
    {
        Listing(("orders.json", "e1"));
        await watcher.PollOnceAsync(CancellationToken.None);
        await DrainAsync();

        var changes = await watcher.PollOnceAsync(CancellationToken.None);

        Assert.True(changes.IsEmpty);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_new_ETag_queues_the_cluster()
    {
        Listing(("orders.json", "e1"), ("payments.json", "e2"));
        await watcher.PollOnceAsync(CancellationToken.None);
        await DrainAsync();

        Listing(("orders.json", "e1"), ("payments.json", "e3"));
        var changes = await watcher.PollOnceAsync(CancellationToken.None);

        Assert.Equal(["payments"], changes.Changed);
        Assert.Equal(["payments"], await DrainAsync());
    }

    [Fact]
    public async Task A_removed_spec_queues_the_cluster_once_and_forgets_it()
    {
        Listing(("orders.json", "e1"), ("payments.json", "e2"));
        await watcher.PollOnceAsync(CancellationToken.None);
        await DrainAsync();

        Listing(("orders.json", "e1"));
        var changes = await watcher.PollOnceAsync(CancellationToken.None);

        Assert.Equal(["payments"], changes.Removed);
        Assert.Equal(["payments"], await DrainAsync());
        Assert.Equal(["orders"], known.Snapshot());
        Assert.True((await watcher.PollOnceAsync(CancellationToken.None)).IsEmpty);
    }

    [Fact]
    public async Task A_failed_listing_is_not_taken_as_every_spec_gone()
    {
        Listing(("orders.json", "e1"));
        await watcher.PollOnceAsync(CancellationToken.None);
        await DrainAsync();
        store.Setup(s => s.ListAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AwsApiException("s3", "ListObjectsV2", AwsErrorKind.ServiceUnavailable, "SlowDown", "slow down"));

        var changes = await watcher.PollOnceAsync(CancellationToken.None);

        Assert.True(changes.IsEmpty);
        Assert.Equal(0, queue.Count);
        Assert.Equal(["orders"], known.Snapshot());

        store.Setup(s => s.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => listing);
        Assert.True((await watcher.PollOnceAsync(CancellationToken.None)).IsEmpty);
    }

    [Fact]
    public async Task An_unreachable_S3_is_one_line_then_reminders_at_a_backoff_then_one_line_when_it_recovers()
    {
        var aws = new AwsOptions { EndpointUrl = $"http://127.0.0.1:{FakeAws.ClosedPort()}", Region = "eu-west-1", SpecBucket = "zeebe-specs", MaxErrorRetry = 0 };
        var s3 = new AwsClientFactory(Options.Create(aws), new BasicAWSCredentials("AKIDEXAMPLE", "secret")).CreateS3();
        var unreachable = new S3SpecStore(s3, Options.Create(aws));
        var reachable = false;
        store.Setup(s => s.ListAsync(It.IsAny<CancellationToken>()))
            .Returns((CancellationToken token) => reachable ? Task.FromResult(listing) : unreachable.ListAsync(token));
        var logger = new RecordingLogger<SpecWatcher>();
        var options = new OperatorOptions { SpecPollInterval = PollInterval, MaxBackoff = TimeSpan.FromMinutes(5) };
        using var noisy = new SpecWatcher(store.Object, queue, known, Options.Create(options), clock, logger);

        var start = clock.GetUtcNow();
        var loggedAt = new List<double>();
        for (var poll = 0; poll < 40; poll++)
        {
            var before = logger.Entries.Count;
            await noisy.PollOnceAsync(CancellationToken.None);
            if (logger.Entries.Count > before)
            {
                loggedAt.Add((clock.GetUtcNow() - start).TotalSeconds);
            }

            clock.Advance(PollInterval);
        }

        reachable = true;
        await noisy.PollOnceAsync(CancellationToken.None);

        // One line at once, then reminders every 15 s, 30 s, 1 min... at most every Operator:MaxBackoff.
        Assert.Equal([0, 15, 45, 105, 225, 465], loggedAt);
        Assert.All(logger.Entries, e => Assert.Null(e.Exception));
        Assert.All(logger.Entries, e => Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal));
        Assert.StartsWith("Listing the spec store failed; keeping the last known specs: S3 ListObjectsV2: NetworkError: ", logger.Entries[0].Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", logger.Entries[0].Message, StringComparison.Ordinal);
        Assert.InRange(logger.Entries[0].Message.Length, 1, 400);
        Assert.StartsWith("Listing the spec store still fails after 32 polls (00:07:45): S3 ListObjectsV2: NetworkError: ", logger.Entries[5].Message, StringComparison.Ordinal);
        Assert.Equal((LogLevel.Information, "Listing the spec store works again after 40 failed polls (00:10:00)"), (logger.Entries[^1].Level, logger.Entries[^1].Message));
        Assert.Equal(7, logger.Entries.Count);
    }

    [Fact]
    public async Task Polls_at_start_and_then_every_interval()
    {
        var calls = new SemaphoreSlim(0);
        store.Setup(s => s.ListAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => listing)
            .Callback(() => calls.Release());
        Listing(("orders.json", "e1"));

        await watcher.StartAsync(CancellationToken.None);
        Assert.True(await calls.WaitAsync(TimeSpan.FromSeconds(10)));

        // The listing is answered before the watcher queues what it found: wait for the key, not for the count.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal("orders", await queue.GetAsync(timeout.Token));
        }

        Listing(("orders.json", "e2"));
        clock.Advance(PollInterval);
        Assert.True(await calls.WaitAsync(TimeSpan.FromSeconds(10)));

        await watcher.StopAsync(CancellationToken.None);
        store.Verify(s => s.ListAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
        calls.Dispose();
    }

    private void Listing(params (string Key, string ETag)[] objects) =>
        listing = [.. objects.Select(o => new SpecObject(o.Key, o.ETag, DateTimeOffset.UnixEpoch))];

    private async Task<List<string>> DrainAsync()
    {
        var keys = new List<string>();
        while (queue.Count > 0)
        {
            var key = (await queue.GetAsync(CancellationToken.None))!;
            keys.Add(key);
            queue.Done(key);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
