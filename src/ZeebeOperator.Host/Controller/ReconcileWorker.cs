using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Host.Configuration;

namespace ZeebeOperator.Host.Controller;

/// <summary>
/// Runs <see cref="OperatorOptions.MaxConcurrentReconciles"/> workers over the queue. On stop it shuts the queue
/// (no new keys), lets in-flight reconciles finish for <see cref="OperatorHostOptions.ShutdownGrace"/>, then
/// cancels them and waits for them to unwind.
/// </summary>
internal sealed partial class ReconcileWorker(
    WorkQueue queue,
    ReconcileDispatcher dispatcher,
    IOptions<OperatorOptions> options,
    IOptions<OperatorHostOptions> hostOptions,
    TimeProvider timeProvider,
    ILogger<ReconcileWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var inFlight = new CancellationTokenSource();
        var workerCount = options.Value.MaxConcurrentReconciles;
        var workers = Task.WhenAll(Enumerable.Range(0, workerCount).Select(_ => RunWorkerAsync(inFlight.Token)));
        Log.Started(logger, workerCount);

        // Workers end on their own only when the queue is shut down, which StopAsync does first.
        await Task.WhenAny(workers, Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken));
        queue.ShutDown();

        var grace = hostOptions.Value.ShutdownGrace;
        Log.Stopping(logger, queue.ProcessingCount, grace);
        try
        {
            await workers.WaitAsync(grace, timeProvider, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            Log.GraceElapsed(logger, queue.ProcessingCount);
            await inFlight.CancelAsync();
            await workers;
        }

        Log.Stopped(logger);
    }

    /// <summary>
    /// Shuts the queue before the base class cancels <see cref="ExecuteAsync"/>: a stop that comes before
    /// <see cref="ExecuteAsync"/> ever ran (it is started with <c>Task.Run</c> on the stopping token) still closes it.
    /// </summary>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.ShutDown();
        return base.StopAsync(cancellationToken);
    }

    private async Task RunWorkerAsync(CancellationToken cancellationToken)
    {
        // The queue wakes waiting workers with null when it is shut down.
        while (await queue.GetAsync(CancellationToken.None) is { } clusterName)
        {
            await dispatcher.ProcessAsync(clusterName, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Reconcile workers started: {WorkerCount}")]
        public static partial void Started(ILogger logger, int workerCount);

        [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Stopping: no new reconciles; {InFlight} in flight get {Grace} to finish")]
        public static partial void Stopping(ILogger logger, int inFlight, TimeSpan grace);

        [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Shutdown grace elapsed; cancelling {InFlight} in-flight reconciles")]
        public static partial void GraceElapsed(ILogger logger, int inFlight);

        [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Reconcile workers stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
