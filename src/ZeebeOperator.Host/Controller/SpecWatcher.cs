using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Controller;

/// <summary>
/// Lists the spec store every <see cref="OperatorOptions.SpecPollInterval"/> and queues each cluster whose spec is new,
/// has a new ETag, or has disappeared. What a missing spec means is the reconciler's call (it never tears down).
/// A failed listing changes nothing: it is not taken as every spec having gone.
/// </summary>
internal sealed partial class SpecWatcher(
    ISpecStore specs,
    WorkQueue queue,
    KnownClusters knownClusters,
    IOptions<OperatorOptions> options,
    TimeProvider timeProvider,
    ILogger<SpecWatcher> logger) : BackgroundService
{
    // Spec key -> last ETag seen. Touched by one poll at a time.
    private readonly Dictionary<string, string> etags = new(StringComparer.Ordinal);

    // The current run of failed listings: one line when it starts, reminders while it lasts, one line when it ends.
    private int failedPolls;
    private int reminders;
    private long firstFailure;
    private long lastReport;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SpecPollInterval, timeProvider);
        try
        {
            do
            {
                await PollOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One listing: diff against the last, queue what changed, remember the new ETags.</summary>
    internal async Task<SpecChanges> PollOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SpecObject> listing;
        try
        {
            listing = await specs.ListAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ReportFailure(ex);
            return SpecChanges.None;
        }

        if (failedPolls > 0)
        {
            var lasting = timeProvider.GetElapsedTime(firstFailure);
            Log.ListRecovered(logger, failedPolls, lasting);
            failedPolls = 0;
        }

        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in listing)
        {
            if (SpecKeys.ClusterNameOf(spec.Key) is not null)
            {
                current[spec.Key] = spec.ETag;
            }
        }

        var added = new List<string>();
        var changed = new List<string>();
        var removed = new List<string>();
        foreach (var (key, etag) in current)
        {
            var cluster = SpecKeys.ClusterNameOf(key)!;
            if (!etags.TryGetValue(key, out var previous))
            {
                added.Add(cluster);
                Log.SpecAdded(logger, cluster, key, etag);
            }
            else if (!string.Equals(previous, etag, StringComparison.Ordinal))
            {
                changed.Add(cluster);
                Log.SpecChanged(logger, cluster, key, previous, etag);
            }
        }

        foreach (var key in etags.Keys.Where(k => !current.ContainsKey(k)))
        {
            var cluster = SpecKeys.ClusterNameOf(key)!;
            removed.Add(cluster);
            Log.SpecRemoved(logger, cluster, key);
        }

        etags.Clear();
        foreach (var (key, etag) in current)
        {
            etags[key] = etag;
        }

        knownClusters.Replace(current.Keys.Select(k => SpecKeys.ClusterNameOf(k)!));
        var changes = new SpecChanges(added, changed, removed);
        foreach (var cluster in changes.All)
        {
            queue.Add(cluster);
        }

        return changes;
    }

    /// <summary>
    /// The first failure of a run at once; then a reminder on the schedule the dispatcher retries a failing cluster on
    /// (<see cref="Backoff.Exponential"/>, from the poll interval up to <see cref="OperatorOptions.MaxBackoff"/>), so
    /// an outage is neither silent nor a stack trace per poll. An AWS error is one line; anything else keeps its trace.
    /// </summary>
    private void ReportFailure(Exception exception)
    {
        var now = timeProvider.GetTimestamp();
        if (failedPolls++ == 0)
        {
            (firstFailure, lastReport, reminders) = (now, now, 0);
            if (exception is AwsApiException aws)
            {
                Log.ListFailed(logger, aws.Service, aws.Operation, aws.ErrorCode, aws.ErrorMessage);
            }
            else
            {
                Log.ListThrew(logger, exception);
            }

            return;
        }

        var settings = options.Value;
        if (timeProvider.GetElapsedTime(lastReport, now) < Backoff.Exponential(reminders, settings.SpecPollInterval, settings.MaxBackoff))
        {
            return;
        }

        (lastReport, reminders) = (now, reminders + 1);
        var lasting = timeProvider.GetElapsedTime(firstFailure, now);
        if (exception is AwsApiException still)
        {
            Log.ListStillFailing(logger, failedPolls, lasting, still.Service, still.Operation, still.ErrorCode, still.ErrorMessage);
        }
        else
        {
            Log.ListStillThrowing(logger, failedPolls, lasting, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Spec of cluster {ClusterName} added ({SpecKey}, ETag {ETag})")]
        public static partial void SpecAdded(ILogger logger, string clusterName, string specKey, string eTag);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Spec of cluster {ClusterName} changed ({SpecKey}, ETag {PreviousETag} -> {ETag})")]
        public static partial void SpecChanged(ILogger logger, string clusterName, string specKey, string previousETag, string eTag);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Spec of cluster {ClusterName} disappeared ({SpecKey}); queued for the reconciler, nothing is torn down")]
        public static partial void SpecRemoved(ILogger logger, string clusterName, string specKey);

        [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Listing the spec store failed; keeping the last known specs: {Service} {Operation}: {ErrorCode}: {ErrorMessage}")]
        public static partial void ListFailed(ILogger logger, string service, string operation, string errorCode, string errorMessage);

        [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Listing the spec store still fails after {FailedPolls} polls ({Lasting}): {Service} {Operation}: {ErrorCode}: {ErrorMessage}")]
        public static partial void ListStillFailing(ILogger logger, int failedPolls, TimeSpan lasting, string service, string operation, string errorCode, string errorMessage);

        [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "Listing the spec store threw; keeping the last known specs")]
        public static partial void ListThrew(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "Listing the spec store still throws after {FailedPolls} polls ({Lasting})")]
        public static partial void ListStillThrowing(ILogger logger, int failedPolls, TimeSpan lasting, Exception exception);

        [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Listing the spec store works again after {FailedPolls} failed polls ({Lasting})")]
        public static partial void ListRecovered(ILogger logger, int failedPolls, TimeSpan lasting);
    }
}
