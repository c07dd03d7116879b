using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Host.Configuration;
using ZeebeOperator.Host.Controller;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Controller;

public sealed class ReconcileWorkerTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    private readonly ManualTimeProvider clock = new(TestTime.Start);
    private readonly Mock<IClusterReconciler> reconciler = new();
    private readonly OperatorOptions options = new() { MaxConcurrentReconciles = 2 };
    private readonly WorkQueue queue;
    private readonly ServiceProvider services;
    private readonly ReconcileDispatcher dispatcher;
    private readonly ReconcileWorker worker;

    public ReconcileWorkerTests()
    {
        queue = new WorkQueue(clock, Options.Create(options));
        services = new ServiceCollection().AddSingleton(reconciler.Object).BuildServiceProvider();
        dispatcher = new ReconcileDispatcher(
            services.GetRequiredService<IServiceScopeFactory>(), queue, Options.Create(options), clock, NullLogger<ReconcileDispatcher>.Instance);
        worker = Worker(NullLogger<ReconcileWorker>.Instance);
    }

    private ReconcileWorker Worker(ILogger<ReconcileWorker> logger, CallTransport? transport = null) => new(
        queue,
        dispatcher,
        new SingleInstanceLeadership("test", clock),
        Options.Create(options),
        Options.Create(new OperatorHostOptions { ShutdownGrace = Grace }),
        clock,
        logger,
        transport);

    [Fact]
    public async Task Starts_by_stating_how_long_one_AWS_call_can_take_and_how_failed_reconciles_back_off()
    {
        var logger = new RecordingLogger<ReconcileWorker>();
        using var stating = Worker(logger, new CallTransport(TimeSpan.FromSeconds(30), 0, TimeSpan.Zero));

        await stating.StartAsync(CancellationToken.None);
        await stating.StopAsync(CancellationToken.None);

        Assert.Equal(
            "Timing: one AWS call gives up after at most 12m 52.7s: 21 attempt(s) while throttled (30s per attempt) and up to 2m 22.7s of throttling backoff; a failed reconcile is retried after 1s doubling up to 5m 0s",
            logger.Entries[0].Message);
    }

    public void Dispose()
    {
        worker.Dispose();
        queue.Dispose();
        services.Dispose();
    }

    [Fact]
    public async Task Reconciles_queued_clusters_in_parallel_up_to_the_limit()
    {
        var running = 0;
        var bothRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reconciler.Setup(r => r.ReconcileAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, CancellationToken _) =>
            {
                if (Interlocked.Increment(ref running) == 2)
                {
                    bothRunning.TrySetResult();
                }

                await release.Task;
                return ReconcileResult.Converged();
            });

        await worker.StartAsync(CancellationToken.None);
        queue.Add("orders");
        queue.Add("payments");
        queue.Add("billing");

        await bothRunning.Task.WaitAsync(TestTimeout);
        Assert.Equal(2, queue.ProcessingCount);
        Assert.Equal(1, queue.Count);

        release.SetResult();
        await StopAsync();
        reconciler.Verify(r => r.ReconcileAsync("orders", It.IsAny<CancellationToken>()), Times.Once);
        reconciler.Verify(r => r.ReconcileAsync("payments", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Stop_lets_in_flight_reconciles_finish_within_the_grace()
    {
        var (started, release, token) = BlockingReconcile(honourCancellation: true);
        await worker.StartAsync(CancellationToken.None);
        queue.Add("orders");
        await started.Task.WaitAsync(TestTimeout);

        var stopping = worker.StopAsync(CancellationToken.None);
        Assert.True(await clock.WaitForTimerCreatedAsync(TestTime.WaitLimit));
        Assert.True(queue.IsShuttingDown);
        Assert.False(stopping.IsCompleted);

        release.SetResult();
        await stopping.WaitAsync(TestTimeout);

        Assert.False((await token.Task).IsCancellationRequested);
    }

    [Fact]
    public async Task Stop_cancels_in_flight_reconciles_once_the_grace_has_passed()
    {
        var (started, _, token) = BlockingReconcile(honourCancellation: true);
        await worker.StartAsync(CancellationToken.None);
        queue.Add("orders");
        await started.Task.WaitAsync(TestTimeout);
        var reconcileToken = await token.Task;

        var stopping = worker.StopAsync(CancellationToken.None);
        Assert.True(await clock.WaitForTimerCreatedAsync(TestTime.WaitLimit));
        clock.Advance(Grace - TimeSpan.FromSeconds(1));
        Assert.False(reconcileToken.IsCancellationRequested);

        clock.Advance(TimeSpan.FromSeconds(1));
        await stopping.WaitAsync(TestTimeout);

        Assert.True(reconcileToken.IsCancellationRequested);
        Assert.Equal(0, queue.ProcessingCount);
    }

    [Fact]
    public async Task Stop_takes_no_new_keys()
    {
        await worker.StartAsync(CancellationToken.None);
        await StopAsync();

        queue.Add("orders");

        Assert.Equal(0, queue.Count);
        reconciler.Verify(r => r.ReconcileAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private (TaskCompletionSource Started, TaskCompletionSource Release, TaskCompletionSource<CancellationToken> Token) BlockingReconcile(bool honourCancellation)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var token = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        reconciler.Setup(r => r.ReconcileAsync("orders", It.IsAny<CancellationToken>()))
            .Returns(async (string _, CancellationToken ct) =>
            {
                token.TrySetResult(ct);
                started.TrySetResult();
                await (honourCancellation ? release.Task.WaitAsync(ct) : release.Task);
                return ReconcileResult.Converged();
            });
        return (started, release, token);
    }

    private async Task StopAsync()
    {
        var stopping = worker.StopAsync(CancellationToken.None);
        await stopping.WaitAsync(TestTimeout);
    }
}
