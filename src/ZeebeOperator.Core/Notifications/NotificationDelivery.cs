using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;

namespace ZeebeOperator.Core.Notifications;

/// <summary>
/// Delivers the outbox's pending events to every subscriber task, one pass at a time: POSTs in parallel up to
/// <see cref="NotifyOptions.MaxParallelDeliveries"/>, each within <see cref="NotifyOptions.RequestTimeout"/>. A 2xx or
/// a 4xx is final (a 4xx is not retried); a 5xx, a connection error or a timeout is tried again after an exponential
/// backoff with full jitter, until <see cref="NotifyOptions.MaxAttempts"/>. A task is marked done in the outbox after
/// its final outcome, which is audited and counted; an event is completed when every task running now is done. Retry
/// times live only in memory: after a restart or a handover every pending task is tried again at once, so an event
/// is delivered at least once, possibly twice (the idempotency key lets subscribers tell).
/// </summary>
public sealed partial class NotificationDelivery(
    INotificationOutbox outbox,
    ISubscriberDirectory directory,
    SubscriberScopes scopes,
    ISubscriberTransport transport,
    IAuditLog audit,
    IFencingTokenSource fencing,
    TimeProvider time,
    IOptions<NotifyOptions> options,
    ILogger<NotificationDelivery> logger,
    OperatorMetrics? metrics = null,
    Random? jitter = null)
{
    public const string AuditAction = "notify:Post";
    private const int PendingPageSize = 100;

    private readonly ConcurrentDictionary<(string EventId, string Task), Retry> _retries = new();
    private readonly Random _jitter = jitter ?? Random.Shared;
    private readonly Lock _jitterGate = new();

    /// <summary>
    /// One pass over the pending events with the leadership term <paramref name="fencingToken"/>: every task that is
    /// due gets one attempt. Returns when the earliest retry is due (null: nothing waits for one).
    /// </summary>
    public async Task<DateTimeOffset?> DeliverDueAsync(long fencingToken, CancellationToken cancellationToken)
    {
        var pending = await outbox.PendingAsync(PendingPageSize, cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            _retries.Clear();
            return null;
        }

        // An event of a cluster whose spec this instance has not read yet waits: where its subscribers run is unknown.
        var ready = pending.Select(e => (Entry: e, EcsClusters: scopes.For(e.Notification.Cluster))).Where(e => e.EcsClusters is not null).ToList();
        var all = await directory.SubscribersAsync([.. ready.SelectMany(e => e.EcsClusters!).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        var targets = ready.ToDictionary(e => e.Entry.Notification.EventId, e => all.Where(s => e.EcsClusters!.Contains(s.EcsCluster, StringComparer.Ordinal)).DistinctBy(s => s.Key).ToList(), StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var due = new List<(OutboxEntry Entry, SubscriberTask Task)>();
        foreach (var (entry, _) in ready)
        {
            foreach (var task in targets[entry.Notification.EventId].Where(s => !entry.Done.Contains(s.Key) && s.IsReachable))
            {
                if (!_retries.TryGetValue((entry.Notification.EventId, task.Key), out var retry) || retry.DueAt <= now)
                {
                    due.Add((entry, task));
                }
            }
        }

        var finished = new ConcurrentBag<(string EventId, string Task)>();
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelDeliveries, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                if (await AttemptAsync(item.Entry, item.Task, fencingToken, token).ConfigureAwait(false))
                {
                    finished.Add((item.Entry.Notification.EventId, item.Task.Key));
                }
            }).ConfigureAwait(false);

        foreach (var (entry, _) in ready)
        {
            var eventId = entry.Notification.EventId;
            var open = targets[eventId].Where(s => !entry.Done.Contains(s.Key) && !finished.Contains((eventId, s.Key)));
            if (!open.Any())
            {
                fencing.EnsureCurrent(fencingToken);
                await outbox.CompleteAsync(eventId, cancellationToken).ConfigureAwait(false);
                Forget(eventId);
                LogCompleted(entry.Notification.Cluster, entry.Notification.Type, eventId);
            }
        }

        return _retries.IsEmpty ? null : _retries.Values.Min(r => r.DueAt);
    }

    /// <summary>One POST; true when the task has its final outcome for the event.</summary>
    private async Task<bool> AttemptAsync(OutboxEntry entry, SubscriberTask task, long fencingToken, CancellationToken cancellationToken)
    {
        // A deposed leader stops here: its successor delivers.
        fencing.EnsureCurrent(fencingToken);
        var notification = entry.Notification;
        var settings = options.Value;
        DeliveryAttempt attempt;
        using (var timeout = new CancellationTokenSource(settings.RequestTimeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                attempt = await transport.SendAsync(task, notification.EventId, NotificationJson.Write(notification), linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                attempt = new DeliveryAttempt(DeliveryOutcome.Failed, $"timed out after {settings.RequestTimeout}");
            }
        }

        var key = (notification.EventId, task.Key);
        var attempts = (_retries.TryGetValue(key, out var retry) ? retry.Attempts : 0) + 1;
        if (attempt.Outcome == DeliveryOutcome.Failed && attempts < settings.MaxAttempts)
        {
            var delay = Backoff.Exponential(attempts - 1, settings.BaseBackoff, settings.MaxBackoff) * NextJitter();
            _retries[key] = new Retry(attempts, time.GetUtcNow() + delay);
            metrics?.RecordNotification(notification.Type, "retried");
            LogRetrying(notification.EventId, task.Endpoint, attempt.Detail, attempts, delay);
            return false;
        }

        await outbox.MarkDoneAsync(notification.EventId, task.Key, cancellationToken).ConfigureAwait(false);
        _retries.TryRemove(key, out _);
        var outcome = attempt.Outcome switch
        {
            DeliveryOutcome.Delivered => "delivered",
            DeliveryOutcome.Rejected => "rejected",
            _ => "gave_up",
        };
        metrics?.RecordNotification(notification.Type, outcome);
        await AuditAsync(notification, task, attempt, attempts, fencingToken, cancellationToken).ConfigureAwait(false);
        if (attempt.Outcome == DeliveryOutcome.Delivered)
        {
            LogDelivered(notification.EventId, task.Endpoint, attempts);
        }
        else
        {
            LogGaveUp(notification.EventId, task.Endpoint, attempt.Detail, attempts);
        }

        return true;
    }

    private async Task AuditAsync(ClusterNotification notification, SubscriberTask task, DeliveryAttempt attempt, int attempts, long fencingToken, CancellationToken cancellationToken)
    {
        var record = new AuditRecord(
            notification.Cluster,
            $"{notification.EventId}/{task.TaskArn}",
            time.GetUtcNow(),
            notification.Generation,
            null,
            AuditAction,
            $"{task.Service} {task.TaskArn} {task.Endpoint}",
            attempt.Outcome == DeliveryOutcome.Delivered ? AuditPhase.Succeeded : AuditPhase.Failed,
            notification.Type,
            $"{notification.EventId}: {attempt.Detail} after {attempts} attempt(s)",
            fencingToken);
        try
        {
            await audit.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsApiException e)
        {
            LogAuditFailed(notification.EventId, e.ErrorCode);
        }
    }

    /// <summary>Attempts run in parallel, and only <see cref="Random.Shared"/> is safe to share between threads.</summary>
    private double NextJitter()
    {
        lock (_jitterGate)
        {
            return _jitter.NextDouble();
        }
    }

    private void Forget(string eventId)
    {
        foreach (var key in _retries.Keys.Where(k => k.EventId == eventId))
        {
            _retries.TryRemove(key, out _);
        }
    }

    private sealed record Retry(int Attempts, DateTimeOffset DueAt);

    [LoggerMessage(EventId = 910, Level = LogLevel.Information, Message = "Notify: {EventId} delivered to {Endpoint} (attempt {Attempts})")]
    private partial void LogDelivered(string eventId, Uri endpoint, int attempts);

    [LoggerMessage(EventId = 911, Level = LogLevel.Warning, Message = "Notify: {EventId} to {Endpoint} failed ({Detail}), attempt {Attempts}; retrying in {Delay}")]
    private partial void LogRetrying(string eventId, Uri endpoint, string detail, int attempts, TimeSpan delay);

    [LoggerMessage(EventId = 912, Level = LogLevel.Warning, Message = "Notify: {EventId} not delivered to {Endpoint}: {Detail} after {Attempts} attempt(s); not retried")]
    private partial void LogGaveUp(string eventId, Uri endpoint, string detail, int attempts);

    [LoggerMessage(EventId = 913, Level = LogLevel.Information, Message = "Notify: cluster {ClusterName}: {Type} event {EventId} completed (every subscriber task has its outcome)")]
    private partial void LogCompleted(string clusterName, string type, string eventId);

    [LoggerMessage(EventId = 914, Level = LogLevel.Warning, Message = "Notify: the audit record of {EventId} was not written: {ErrorCode}")]
    private partial void LogAuditFailed(string eventId, string errorCode);
}
