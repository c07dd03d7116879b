using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Core.Reconciliation;

namespace ZeebeOperator.Host.Controller;

/// <summary>
/// Reconciles one key taken from the queue and turns the result into queue actions, as controller-runtime does:
/// Converged forgets the backoff (the next resync or spec change brings the cluster back);
/// InProgress forgets it and looks again after <see cref="ReconcileResult.RequeueAfter"/>;
/// Blocked looks again with the per-cluster exponential backoff (what blocks it, such as a resource without our
/// tags, may be resolved without a spec change), its warning logged only when it appears or changes;
/// Failed, or an exception, retries with that backoff too. The key is always marked done.
/// The reconciler is resolved in a scope per reconcile, so it may be registered scoped or singleton.
/// </summary>
internal sealed partial class ReconcileDispatcher(
    IServiceScopeFactory scopes,
    WorkQueue queue,
    IOptions<OperatorOptions> options,
    TimeProvider timeProvider,
    ILogger<ReconcileDispatcher> logger)
{
    private readonly ConcurrentDictionary<string, string> _blockedBy = new(StringComparer.Ordinal);

    public async Task ProcessAsync(string clusterName, CancellationToken cancellationToken)
    {
        using var logScope = logger.BeginClusterScope(clusterName);
        var started = timeProvider.GetTimestamp();
        try
        {
            ReconcileResult result;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var reconciler = scope.ServiceProvider.GetRequiredService<IClusterReconciler>();
                result = await reconciler.ReconcileAsync(clusterName, cancellationToken);
            }

            Apply(clusterName, result, timeProvider.GetElapsedTime(started));
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested || ex is LeadershipLostException)
        {
            Log.Cancelled(logger, clusterName);
            queue.AddRateLimited(clusterName);
        }
        catch (AwsApiException ex)
        {
            // An AWS answer the reconciler does not handle itself (the status or audit store refusing a read or
            // write): expected now and then, so one line and a retry, not a stack trace.
            queue.AddRateLimited(clusterName);
            Log.AwsCallFailed(logger, clusterName, queue.NumRequeues(clusterName), ex.Service, ex.Operation, ex.ErrorCode, ex.ErrorMessage);
        }
        catch (Exception ex)
        {
            queue.AddRateLimited(clusterName);
            Log.Crashed(logger, clusterName, queue.NumRequeues(clusterName), ex);
        }
        finally
        {
            queue.Done(clusterName);
        }
    }

    private void Apply(string clusterName, ReconcileResult result, TimeSpan elapsed)
    {
        if (result.Outcome is ReconcileOutcome.Converged or ReconcileOutcome.InProgress && _blockedBy.TryRemove(clusterName, out _))
        {
            Log.Unblocked(logger, clusterName);
        }

        switch (result.Outcome)
        {
            case ReconcileOutcome.Converged:
                queue.Forget(clusterName);
                if (result.RequeueAfter is { } wake && wake > TimeSpan.Zero)
                {
                    // Something is due later (a scheduled backup): the resync alone could come too late.
                    queue.AddAfter(clusterName, wake);
                }

                Log.Converged(logger, clusterName, elapsed.TotalMilliseconds);
                break;
            case ReconcileOutcome.InProgress:
                var after = result.RequeueAfter is { } requested && requested > TimeSpan.Zero
                    ? requested
                    : options.Value.ProgressRequeueInterval;
                queue.Forget(clusterName);
                queue.AddAfter(clusterName, after);
                Log.InProgress(logger, clusterName, after, result.Message ?? string.Empty, elapsed.TotalMilliseconds);
                break;
            case ReconcileOutcome.Blocked:
                queue.AddRateLimited(clusterName);
                var problem = result.Message ?? string.Empty;
                if (_blockedBy.TryGetValue(clusterName, out var known) && known == problem)
                {
                    Log.StillBlocked(logger, clusterName, problem);
                }
                else
                {
                    _blockedBy[clusterName] = problem;
                    Log.Blocked(logger, clusterName, problem, options.Value.MaxBackoff);
                }

                break;
            default:
                queue.AddRateLimited(clusterName);
                Log.Failed(logger, clusterName, queue.NumRequeues(clusterName), result.Message ?? string.Empty);
                break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Cluster {ClusterName} converged ({ElapsedMs:0} ms)")]
        public static partial void Converged(ILogger logger, string clusterName, double elapsedMs);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Cluster {ClusterName} in progress, looking again in {RequeueAfter}: {Detail} ({ElapsedMs:0} ms)")]
        public static partial void InProgress(ILogger logger, string clusterName, TimeSpan requeueAfter, string detail, double elapsedMs);

        [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Cluster {ClusterName} is blocked: {Detail}. Nothing is changed until that is resolved; looking again with a growing interval (at most {MaxBackoff})")]
        public static partial void Blocked(ILogger logger, string clusterName, string detail, TimeSpan maxBackoff);

        [LoggerMessage(EventId = 307, Level = LogLevel.Debug, Message = "Cluster {ClusterName} is still blocked: {Detail}")]
        public static partial void StillBlocked(ILogger logger, string clusterName, string detail);

        [LoggerMessage(EventId = 308, Level = LogLevel.Information, Message = "Cluster {ClusterName} is no longer blocked")]
        public static partial void Unblocked(ILogger logger, string clusterName);

        [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Reconcile of cluster {ClusterName} failed (retry {Retry} with backoff): {Detail}")]
        public static partial void Failed(ILogger logger, string clusterName, int retry, string detail);

        [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Reconcile of cluster {ClusterName} threw (retry {Retry} with backoff)")]
        public static partial void Crashed(ILogger logger, string clusterName, int retry, Exception exception);

        [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Reconcile of cluster {ClusterName} failed (retry {Retry} with backoff): {Service} {Operation}: {ErrorCode}: {ErrorMessage}")]
        public static partial void AwsCallFailed(ILogger logger, string clusterName, int retry, string service, string operation, string errorCode, string errorMessage);

        [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Reconcile of cluster {ClusterName} stopped: shutting down or no longer the leader")]
        public static partial void Cancelled(ILogger logger, string clusterName);
    }
}
