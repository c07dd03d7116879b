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

namespace ZeebeOperator.Host.Tests.Controller;

public sealed class ReconcileDispatcherTests : IDisposable
{
    private const string Cluster = "orders";

    private readonly ManualClock clock = new();
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
        clock.Dispose();
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
    public async Task Blocked_forgets_and_waits_for_a_spec_change()
    {
        queue.AddRateLimited(Cluster);
        clock.Advance(TimeSpan.FromSeconds(1));
        Returns(ReconcileResult.Blocked("ownership conflict"));

        await ProcessNextAsync();

        Assert.Equal(0, queue.NumRequeues(Cluster));
        AssertIdle();
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, queue.Count);
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
