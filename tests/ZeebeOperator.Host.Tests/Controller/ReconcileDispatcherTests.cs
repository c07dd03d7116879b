using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Host.Controller;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Controller;

public sealed class ReconcileDispatcherTests : IDisposable
{
    private const string Cluster = "orders";

    private readonly ManualTimeProvider clock = new(TestTime.Start);
    private readonly Mock<IClusterReconciler> reconciler = new(MockBehavior.Strict);
    private readonly OperatorOptions options = new()
    {
        BaseBackoff = TimeSpan.FromSeconds(1),
        MaxBackoff = TimeSpan.FromSeconds(8),
        ProgressRequeueInterval = TimeSpan.FromSeconds(10),
    };

    private readonly WorkQueue queue;
    private readonly ServiceProvider services;
    private readonly ReconcileDispatcher dispatcher;

    public ReconcileDispatcherTests()
    {
        queue = new WorkQueue(clock, Options.Create(options));
        services = new ServiceCollection().AddScoped(_ => reconciler.Object).BuildServiceProvider(validateScopes: true);
        dispatcher = new ReconcileDispatcher(
            services.GetRequiredService<IServiceScopeFactory>(),
            queue,
            Options.Create(options),
            clock,
            NullLogger<ReconcileDispatcher>.Instance);
    }

    public void Dispose()
    {
        queue.Dispose();
        services.Dispose();
    }

    [Fact]
    public async Task Converged_forgets_the_backoff_and_queues_nothing()
    {
        queue.AddRateLimited(Cluster);
        clock.Advance(TimeSpan.FromSeconds(1));
        Returns(ReconcileResult.Converged());

        await ProcessNextAsync();

        Assert.Equal(0, queue.NumRequeues(Cluster));
        AssertIdle();
    }

    [Fact]
    public async Task InProgress_forgets_the_backoff_and_looks_again_after_the_requested_delay()
    {
        queue.AddRateLimited(Cluster);
        clock.Advance(TimeSpan.FromSeconds(1));
        Returns(ReconcileResult.InProgress(TimeSpan.FromSeconds(30)));

        await ProcessNextAsync();

        Assert.Equal(0, queue.NumRequeues(Cluster));
        Assert.Equal(1, queue.DelayedCount);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, queue.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task InProgress_without_a_delay_uses_the_progress_requeue_interval()
    {
        queue.Add(Cluster);
        Returns(new ReconcileResult(ReconcileOutcome.InProgress, null));

        await ProcessNextAsync();

        clock.Advance(options.ProgressRequeueInterval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, queue.Count);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task A_blocked_cluster_is_looked_at_again_with_a_bounded_backoff_sooner_than_the_resync()
    {
        queue.Add(Cluster);
        Returns(ReconcileResult.Blocked("ownership conflict"));

        var delays = new List<TimeSpan>();
        for (var pass = 0; pass < 6; pass++)
        {
            await ProcessNextAsync();
            delays.Add(await TimeUntilQueuedAsync());
            Assert.Equal(1, queue.Count);
        }

        Assert.Equal([1, 2, 4, 8, 8, 8], delays.Select(d => d.TotalSeconds));

        // Unblocked: the backoff starts over.
        Returns(ReconcileResult.Converged());
        await ProcessNextAsync();
        Assert.Equal(0, queue.NumRequeues(Cluster));
        AssertIdle();
    }

    [Fact]
    public async Task A_blocked_clusters_warning_is_logged_when_it_appears_and_when_it_changes_not_every_pass()
    {
        var logger = new RecordingLogger<ReconcileDispatcher>();
        var dispatcher = new ReconcileDispatcher(services.GetRequiredService<IServiceScopeFactory>(), queue, Options.Create(options), clock, logger);
        var results = new Queue<ReconcileResult>([
            ReconcileResult.Blocked("node 1: ECS service orders-broker-1 exists without the operator's ownership tags"),
            ReconcileResult.Blocked("node 1: ECS service orders-broker-1 exists without the operator's ownership tags"),
            ReconcileResult.Blocked("node 1: ECS service orders-broker-1 exists without the operator's ownership tags"),
            ReconcileResult.Blocked("spec.replicationFactor cannot change from 3 to 5 on a running cluster"),
            ReconcileResult.Converged(),
            ReconcileResult.Blocked("spec.replicationFactor cannot change from 3 to 5 on a running cluster"),
        ]);
        reconciler.Setup(r => r.ReconcileAsync(Cluster, It.IsAny<CancellationToken>())).ReturnsAsync(results.Dequeue);

        queue.Add(Cluster);
        while (results.Count > 0)
        {
            var key = await queue.GetAsync(CancellationToken.None);
            await dispatcher.ProcessAsync(key!, CancellationToken.None);
            await TimeUntilQueuedAsync();
            queue.Add(Cluster);
        }

        var notable = logger.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.Equal(
            [
                (LogLevel.Warning, "Cluster orders is blocked: node 1: ECS service orders-broker-1 exists without the operator's ownership tags. Nothing is changed until that is resolved; looking again with a growing interval (at most 00:00:08)"),
                (LogLevel.Warning, "Cluster orders is blocked: spec.replicationFactor cannot change from 3 to 5 on a running cluster. Nothing is changed until that is resolved; looking again with a growing interval (at most 00:00:08)"),
                (LogLevel.Information, "Cluster orders is no longer blocked"),
                (LogLevel.Warning, "Cluster orders is blocked: spec.replicationFactor cannot change from 3 to 5 on a running cluster. Nothing is changed until that is resolved; looking again with a growing interval (at most 00:00:08)"),
            ],
            notable.Select(e => (e.Level, e.Message)));
    }

    /// <summary>Moves the clock until the key is queued again; how long that took (zero when it was not delayed).</summary>
    private async Task<TimeSpan> TimeUntilQueuedAsync()
    {
        var waited = TimeSpan.Zero;
        while (queue.Count == 0 && queue.DelayedCount > 0)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            waited += TimeSpan.FromMilliseconds(500);
        }

        await Task.Yield();
        return waited;
    }

    [Fact]
    public async Task Failed_retries_with_a_backoff_that_doubles()
    {
        queue.Add(Cluster);
        Returns(ReconcileResult.Failed("throttled"));

        await ProcessNextAsync();
        Assert.Equal(1, queue.NumRequeues(Cluster));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);

        await ProcessNextAsync();
        Assert.Equal(2, queue.NumRequeues(Cluster));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, queue.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task An_exception_retries_with_backoff()
    {
        queue.Add(Cluster);
        reconciler.Setup(r => r.ReconcileAsync(Cluster, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("boom"));

        await ProcessNextAsync();

        Assert.Equal(1, queue.NumRequeues(Cluster));
        Assert.Equal(0, queue.ProcessingCount);
        clock.Advance(options.BaseBackoff);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task A_failed_store_call_retries_with_backoff_and_logs_one_warning_without_a_stack_trace()
    {
        var logger = new RecordingLogger<ReconcileDispatcher>();
        var quiet = new ReconcileDispatcher(services.GetRequiredService<IServiceScopeFactory>(), queue, Options.Create(options), clock, logger);
        queue.Add(Cluster);
        reconciler.Setup(r => r.ReconcileAsync(Cluster, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AwsApiException("dynamodb", "PutItem", AwsErrorKind.ServiceUnavailable, "InternalServerError", "try again"));

        var key = await queue.GetAsync(CancellationToken.None);
        await quiet.ProcessAsync(key!, CancellationToken.None);

        Assert.Equal(1, queue.NumRequeues(Cluster));
        clock.Advance(options.BaseBackoff);
        Assert.Equal(1, queue.Count);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("Reconcile of cluster orders failed (retry 1 with backoff): dynamodb PutItem: InternalServerError: try again", entry.Message);
        Assert.Null(entry.Exception);
    }

    [Fact]
    public async Task A_key_added_during_the_reconcile_is_processed_again()
    {
        queue.Add(Cluster);
        reconciler.Setup(r => r.ReconcileAsync(Cluster, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                queue.Add(Cluster);
                return ReconcileResult.Converged();
            });

        await ProcessNextAsync();

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task The_reconciler_gets_the_cluster_name_and_the_token()
    {
        using var cts = new CancellationTokenSource();
        queue.Add(Cluster);
        Returns(ReconcileResult.Converged());

        var key = await queue.GetAsync(CancellationToken.None);
        await dispatcher.ProcessAsync(key!, cts.Token);

        reconciler.Verify(r => r.ReconcileAsync(Cluster, cts.Token), Times.Once);
    }

    private void Returns(ReconcileResult result) =>
        reconciler.Setup(r => r.ReconcileAsync(Cluster, It.IsAny<CancellationToken>())).ReturnsAsync(result);

    private async Task ProcessNextAsync()
    {
        var key = await queue.GetAsync(CancellationToken.None);
        Assert.Equal(Cluster, key);
        await dispatcher.ProcessAsync(key!, CancellationToken.None);
        Assert.Equal(0, queue.ProcessingCount);
    }

    private void AssertIdle()
    {
        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
        Assert.Equal(0, queue.ProcessingCount);
    }
}
