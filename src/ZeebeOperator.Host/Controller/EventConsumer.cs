using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;

namespace ZeebeOperator.Host.Controller;

/// <summary>
/// Long-polls the events queue while this instance leads (a standby takes no message, so none is consumed by an
/// instance that would not act on it), queues the clusters each message concerns at once, then deletes the message.
/// Messages are hints: the reconcile reads everything anyway, so a lost, duplicated, late or reordered one changes only
/// when a cluster is looked at. A message that is unknown or malformed is counted, logged the first time its kind is
/// seen, and deleted too: it would be just as unreadable on every redelivery, and a dead-letter queue would only
/// collect what the count and the log already report. A failed delete is left to the queue: the message comes back
/// after its visibility timeout and queues its clusters once more, which is harmless.
/// </summary>
internal sealed partial class EventConsumer(
    IEventQueue events,
    EventRouter router,
    WorkQueue queue,
    KnownClusters knownClusters,
    ILeadership leadership,
    OperatorMetrics metrics,
    IOptions<EventsOptions> options,
    IOptions<OperatorOptions> operatorOptions,
    TimeProvider timeProvider,
    ILogger<EventConsumer> logger,
    SpecKeyPrefix? specPrefix = null) : BackgroundService
{
    /// <summary>At most this many kinds are remembered as logged; beyond it, nothing more is logged (the count goes on).</summary>
    private const int LoggedKindsLimit = 200;

    private readonly HashSet<string> loggedKinds = new(StringComparer.Ordinal);
    private readonly string prefix = (specPrefix ?? SpecKeyPrefix.None).Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var term = await leadership.WaitForLeadershipAsync(stoppingToken);
                using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term.Lost);
                Log.Consuming(logger, options.Value.QueueUrl ?? string.Empty, term.FencingToken);
                try
                {
                    await ConsumeAsync(leading.Token);
                }
                catch (OperationCanceledException) when (term.Lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    Log.StandingBy(logger, term.FencingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(options.Value.WaitTimeSeconds);
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await PollOnceAsync(wait, cancellationToken);
                failures = 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff.Exponential(failures++, operatorOptions.Value.BaseBackoff, operatorOptions.Value.MaxBackoff);
                ReportReceiveFailure(ex, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>One ReceiveMessage waiting up to <paramref name="wait"/>, and every message it returned handled; returns how many.</summary>
    internal async Task<int> PollOnceAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var messages = await events.ReceiveAsync(options.Value.MaxMessages, wait, cancellationToken);
        foreach (var message in messages)
        {
            await HandleAsync(message, cancellationToken);
        }

        return messages.Count;
    }

    /// <summary>Queues the clusters the message concerns, then deletes it.</summary>
    private async Task HandleAsync(QueuedEvent message, CancellationToken cancellationToken)
    {
        var reading = EventEnvelopes.Read(message.Body);
        var clusters = router.ClustersOf(reading, prefix, knownClusters.Snapshot());
        if (reading.ObjectKeys.Count > 0 && !reading.Removal)
        {
            // A new spec is known from now on, not only from the next listing: its tasks' events concern it already.
            knownClusters.Add(clusters);
        }

        foreach (var cluster in clusters)
        {
            queue.Add(cluster);
        }

        Record(reading, clusters);
        try
        {
            await events.DeleteAsync(message.ReceiptHandle, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.DeleteFailed(logger, message.MessageId, ex.Message);
        }
    }

    private void Record(EventReading reading, IReadOnlyList<string> clusters)
    {
        switch (reading.Outcome)
        {
            case EventOutcome.Understood:
                metrics.RecordEvent(reading.Kind, clusters.Count > 0 ? "enqueued" : "no_cluster");
                if (clusters.Count > 0)
                {
                    Log.Enqueued(logger, reading.Kind, clusters);
                }

                break;
            case EventOutcome.Unknown:
                metrics.RecordEvent("unknown", "unknown");
                if (FirstOfKind("unknown: " + reading.Kind))
                {
                    Log.UnknownKind(logger, reading.Kind);
                }

                break;
            default:
                metrics.RecordEvent("malformed", "malformed");
                if (FirstOfKind("malformed: " + reading.Kind))
                {
                    Log.Malformed(logger, reading.Kind);
                }

                break;
        }
    }

    private bool FirstOfKind(string kind) => loggedKinds.Count < LoggedKindsLimit && loggedKinds.Add(kind);

    private void ReportReceiveFailure(Exception exception, TimeSpan retryIn)
    {
        if (exception is AwsApiException aws)
        {
            Log.ReceiveFailed(logger, aws.ErrorCode, aws.ErrorMessage, retryIn);
        }
        else
        {
            Log.ReceiveThrew(logger, retryIn, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Events: consuming {QueueUrl} (leading with fencing token {FencingToken})")]
        public static partial void Consuming(ILogger logger, string queueUrl, long fencingToken);

        [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Events: leadership (fencing token {FencingToken}) lost; no longer consuming")]
        public static partial void StandingBy(ILogger logger, long fencingToken);

        [LoggerMessage(EventId = 802, Level = LogLevel.Debug, Message = "Events: {Kind} queued {Clusters}")]
        public static partial void Enqueued(ILogger logger, string kind, IReadOnlyList<string> clusters);

        [LoggerMessage(EventId = 803, Level = LogLevel.Warning, Message = "Events: a message of a kind the operator does not act on ({Kind}) was deleted; further ones are only counted (zeebe_operator.events)")]
        public static partial void UnknownKind(ILogger logger, string kind);

        [LoggerMessage(EventId = 804, Level = LogLevel.Warning, Message = "Events: a malformed message ({Problem}) was deleted; further ones like it are only counted (zeebe_operator.events)")]
        public static partial void Malformed(ILogger logger, string problem);

        [LoggerMessage(EventId = 805, Level = LogLevel.Warning, Message = "Events: receiving failed: {ErrorCode}: {ErrorMessage}; retrying in {RetryIn}")]
        public static partial void ReceiveFailed(ILogger logger, string errorCode, string errorMessage, TimeSpan retryIn);

        [LoggerMessage(EventId = 806, Level = LogLevel.Error, Message = "Events: receiving threw; retrying in {RetryIn}")]
        public static partial void ReceiveThrew(ILogger logger, TimeSpan retryIn, Exception exception);

        [LoggerMessage(EventId = 807, Level = LogLevel.Warning, Message = "Events: deleting message {MessageId} failed ({Error}); it comes back after its visibility timeout")]
        public static partial void DeleteFailed(ILogger logger, string messageId, string error);
    }
}
