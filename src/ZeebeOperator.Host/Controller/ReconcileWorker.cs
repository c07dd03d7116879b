using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Host.Configuration;

namespace ZeebeOperator.Host.Controller;

/// <summary>
/// Runs <see cref="OperatorOptions.MaxConcurrentReconciles"/> workers over the queue, only while this instance leads:
/// it waits for a leadership term, runs the workers linked to it, and when the term is lost cancels every in-flight
/// reconcile at once and waits for the next term. On stop it shuts the queue (no new keys), lets in-flight reconciles
/// finish for <see cref="OperatorHostOptions.ShutdownGrace"/>, then cancels them and waits for them to unwind.
/// It starts by logging the timing model: how long one AWS call can take (<see cref="RetryBudget"/>, from the
/// backend's <see cref="CallTransport"/>; in-process when none is registered) and the backoff of failed reconciles.
/// </summary>
internal sealed partial class ReconcileWorker(
    WorkQueue queue,
    ReconcileDispatcher dispatcher,
    ILeadership leadership,
    IOptions<OperatorOptions> options,
    IOptions<OperatorHostOptions> hostOptions,
    TimeProvider timeProvider,
    ILogger<ReconcileWorker> logger,
    CallTransport? transport = null) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var budget = RetryBudget.From(settings, transport ?? CallTransport.InProcess);
        var (baseBackoff, maxBackoff) = (RetryBudget.Format(settings.BaseBackoff), RetryBudget.Format(settings.MaxBackoff));
        Log.Timing(logger, budget, baseBackoff, maxBackoff);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var inFlight = new CancellationTokenSource();
        var stopping = Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken);
        Task? workers = null;
        while (!stoppingToken.IsCancellationRequested && !queue.IsShuttingDown)
        {
            var waiting = leadership.WaitForLeadershipAsync(stoppingToken);
            await Task.WhenAny(waiting, stopping);
            if (!waiting.IsCompletedSuccessfully)
            {
                break;
            }

            var term = await waiting;
            using var termWork = CancellationTokenSource.CreateLinkedTokenSource(inFlight.Token, term.Lost);
            var workerCount = options.Value.MaxConcurrentReconciles;
            workers = Task.WhenAll(Enumerable.Range(0, workerCount).Select(_ => RunWorkerAsync(termWork.Token)));
            Log.Started(logger, workerCount, term.FencingToken);

            // Workers end on their own when the term is lost or the queue is shut down (StopAsync does that first).
            await Task.WhenAny(workers, stopping);
            if (workers.IsCompleted && !stoppingToken.IsCancellationRequested && !queue.IsShuttingDown)
            {
                Log.LeadershipLost(logger, term.FencingToken);
                workers = null;
                continue;
            }

            await DrainAsync(workers, inFlight);
            workers = null;
            break;
        }

        queue.ShutDown();
        if (workers is not null)
        {
            await DrainAsync(workers, inFlight);
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

    private async Task DrainAsync(Task workers, CancellationTokenSource inFlight)
    {
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
    }

    private async Task RunWorkerAsync(CancellationToken cancellationToken)
    {
        // The queue wakes waiting workers with null when it is shut down; a lost term cancels the wait.
        while (!cancellationToken.IsCancellationRequested)
        {
            string? clusterName;
            try
            {
                clusterName = await queue.GetAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (clusterName is null)
            {
                return;
            }

            await dispatcher.ProcessAsync(clusterName, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Reconcile workers started: {WorkerCount} (leading with fencing token {FencingToken})")]
        public static partial void Started(ILogger logger, int workerCount, long fencingToken);

        [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Leadership (fencing token {FencingToken}) lost: in-flight reconciles were cancelled; standing by")]
        public static partial void LeadershipLost(ILogger logger, long fencingToken);

        [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Stopping: no new reconciles; {InFlight} in flight get {Grace} to finish")]
        public static partial void Stopping(ILogger logger, int inFlight, TimeSpan grace);

        [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Shutdown grace elapsed; cancelling {InFlight} in-flight reconciles")]
        public static partial void GraceElapsed(ILogger logger, int inFlight);

        [LoggerMessage(EventId = 405, Level = LogLevel.Information, Message = "Timing: {Budget}; a failed reconcile is retried after {BaseBackoff} doubling up to {MaxBackoff}")]
        public static partial void Timing(ILogger logger, RetryBudget budget, string baseBackoff, string maxBackoff);

        [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Reconcile workers stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
