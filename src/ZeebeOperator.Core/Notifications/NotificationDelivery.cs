using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Notifications;

/// <summary>
/// Delivers the outbox's pending events to every subscriber task. Each (event, task) attempt runs on its own, up to
/// <see cref="NotifyOptions.MaxParallelDeliveries"/> at once: a worker takes the next due attempt as soon as its last
/// one ends, so a task that hangs until <see cref="NotifyOptions.RequestTimeout"/> holds one worker, not everyone.
/// A 2xx or a 4xx is final (a 4xx is not retried); a 5xx, a connection error or a timeout is tried again after an
/// exponential backoff with full jitter (<see cref="RetrySchedule"/>) until <see cref="NotifyOptions.GiveUpAfter"/>.
/// Each retry is written to the outbox item, so a successor continues the backoff. A task's final outcome is marked
/// done in the outbox, audited and counted; an event is completed when every task running now has its outcome.
/// An event is delivered at least once, possibly twice (the idempotency key lets subscribers tell).
/// </summary>
public sealed partial class NotificationDelivery(
    INotificationOutbox outbox,
    ISubscriberDirectory directory,
    SubscriberScopes scopes,
    ISubscriberTransport transport,
    IAuditLog audit,
    IFencingTokenSource fencing,
    NotificationSignal signal,
    TimeProvider time,
    IOptions<NotifyOptions> options,
    ILogger<NotificationDelivery> logger,
    OperatorMetrics? metrics = null,
    Random? jitter = null)
{
    public const string AuditAction = "notify:Post";
    private const int PendingPageSize = 100;

    private readonly PendingDeliveries _pending = new();
    private readonly Random _jitter = jitter ?? Random.Shared;
    private readonly Lock _gate = new();
    private readonly List<Task> _workers = [];
    private Exception? _stopped;

    /// <summary>
    /// Reads the pending events with the leadership term <paramref name="fencingToken"/>, completes those that need
    /// nothing more, and starts workers for the due attempts while fewer than the limit run. It does not wait for the
    /// attempts: those that end schedule their retries and raise the <see cref="NotificationSignal"/>. Returns when
    /// the earliest retry is due (null: nothing waits for one).
    /// </summary>
    public async Task<DateTimeOffset?> DeliverDueAsync(long fencingToken, CancellationToken cancellationToken)
    {
        fencing.EnsureCurrent(fencingToken);
        var pending = await outbox.PendingAsync(PendingPageSize, cancellationToken).ConfigureAwait(false);

        // An event of a cluster whose spec this instance has not read yet waits: where its subscribers run is unknown.
        var ready = pending.Select(e => (Entry: e, EcsClusters: scopes.For(e.Notification.Cluster))).Where(e => e.EcsClusters is not null).ToList();
        var all = ready.Count == 0 ? [] : await directory.SubscribersAsync([.. ready.SelectMany(e => e.EcsClusters!).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        var settled = _pending.Refresh(ready.Select(e => (e.Entry, (IReadOnlyList<SubscriberTask>)[.. all.Where(s => e.EcsClusters!.Contains(s.EcsCluster, StringComparer.Ordinal)).DistinctBy(s => s.Key)])));
        foreach (var notification in settled)
        {
            await CompleteAsync(notification, fencingToken, cancellationToken).ConfigureAwait(false);
        }

        StartWorkers(fencingToken, cancellationToken);
        return _pending.NextDue(time.GetUtcNow());
    }

    /// <summary>Attempts in flight now (at most <see cref="NotifyOptions.MaxParallelDeliveries"/>).</summary>
    public int AttemptsInFlight => _pending.Workers;

    /// <summary>
    /// Completes when no attempt is in flight (simulations and tests drive time with it); rethrows what stopped a
    /// worker since the last call other than the cancellation of its term (a deposed leader, a killed process).
    /// </summary>
    public async Task WhenIdleAsync()
    {
        while (Running() is { Length: > 0 } running)
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _stopped, null) is { } stopped)
        {
            ExceptionDispatchInfo.Throw(stopped);
        }
    }

    private Task[] Running()
    {
        lock (_gate)
        {
            _workers.RemoveAll(w => w.IsCompleted);
            return [.. _workers];
        }
    }

    private void StartWorkers(long fencingToken, CancellationToken cancellationToken)
    {
        while (_pending.TryStartWorker(options.Value.MaxParallelDeliveries, time.GetUtcNow(), out var first))
        {
            var worker = WorkAsync(first!, fencingToken, cancellationToken);
            lock (_gate)
            {
                _workers.RemoveAll(w => w.IsCompleted);
                _workers.Add(worker);
            }

            // A worker that stopped at once because the term ended gave its attempt back, due at once: starting
            // another would take the same attempt and stop the same way, for ever.
            if (worker is { IsCompletedSuccessfully: true, Result: false })
            {
                return;
            }
        }
    }

    /// <summary>Makes attempts one after the other while any is due; never throws. False: the term ended (a deposed leader, a killed process, a cancellation).</summary>
    private async Task<bool> WorkAsync(PendingDelivery first, long fencingToken, CancellationToken cancellationToken)
    {
        PendingDelivery? delivery = first;
        try
        {
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                await AttemptAsync(delivery!, fencingToken, cancellationToken).ConfigureAwait(false);
            }
            while (_pending.TryTakeNext(time.GetUtcNow(), out delivery));
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or LeadershipLostException)
        {
            _pending.StopWorker(delivery);
            if (!cancellationToken.IsCancellationRequested)
            {
                _stopped = e;
                LogStopped(fencingToken, e.Message);
            }

            return false;
        }
    }

    private async Task AttemptAsync(PendingDelivery delivery, long fencingToken, CancellationToken cancellationToken)
    {
        // A deposed leader stops here: its successor delivers.
        fencing.EnsureCurrent(fencingToken);
        var attempt = await PostAsync(delivery, cancellationToken).ConfigureAwait(false);
        try
        {
            await RecordAsync(delivery, attempt, fencingToken, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or LeadershipLostException))
        {
            // Not marked: the attempt is made again (at least once), after a pause so a failing table is not hammered.
            _pending.Release(delivery, time.GetUtcNow() + options.Value.BaseBackoff);
            LogNotRecorded(delivery.Notification.EventId, delivery.Task.Endpoint, e);
        }
    }

    private async Task<DeliveryAttempt> PostAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        var timeout = options.Value.RequestTimeout;
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            var notification = delivery.Notification;
            return await transport.SendAsync(delivery.Task, notification.EventId, NotificationJson.Write(notification), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timer.IsCancellationRequested)
        {
            return new DeliveryAttempt(DeliveryOutcome.Failed, $"timed out after {timeout}");
        }
    }

    private async Task RecordAsync(PendingDelivery delivery, DeliveryAttempt attempt, long fencingToken, CancellationToken cancellationToken)
    {
        var (notification, task) = (delivery.Notification, delivery.Task);
        var now = time.GetUtcNow();
        if (attempt.Outcome == DeliveryOutcome.Failed && RetrySchedule.After(delivery.Retry, now, options.Value, NextJitter()) is { } retry)
        {
            _pending.Retry(delivery, retry);
            signal.Raise();
            metrics?.RecordNotification(notification.Type, "retried");
            LogRetrying(notification.EventId, task.Endpoint, attempt.Detail, retry.Attempts, retry.DueAt - now);
            await outbox.RecordRetryAsync(notification.EventId, task.Key, retry, cancellationToken).ConfigureAwait(false);
            return;
        }

        var attempts = (delivery.Retry?.Attempts ?? 0) + 1;
        await outbox.MarkDoneAsync(notification.EventId, task.Key, cancellationToken).ConfigureAwait(false);
        metrics?.RecordNotification(notification.Type, attempt.Outcome switch
        {
            DeliveryOutcome.Delivered => "delivered",
            DeliveryOutcome.Rejected => "rejected",
            _ => "gave_up",
        });
        await AuditAsync(notification, task, attempt, attempts, fencingToken, cancellationToken).ConfigureAwait(false);
        if (attempt.Outcome == DeliveryOutcome.Delivered)
        {
            LogDelivered(notification.EventId, task.Endpoint, attempts);
        }
        else
        {
            LogGaveUp(notification.EventId, task.Endpoint, attempt.Detail, attempts);
        }

        if (_pending.Done(delivery) is { } settled)
        {
            await CompleteAsync(settled, fencingToken, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CompleteAsync(ClusterNotification notification, long fencingToken, CancellationToken cancellationToken)
    {
        try
        {
            fencing.EnsureCurrent(fencingToken);
            await outbox.CompleteAsync(notification.EventId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _pending.Unclaim(notification.EventId);
            throw;
        }

        _pending.Forget(notification.EventId);
        LogCompleted(notification.Cluster, notification.Type, notification.EventId);
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
        lock (_gate)
        {
            return _jitter.NextDouble();
        }
    }

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

    [LoggerMessage(EventId = 915, Level = LogLevel.Warning, Message = "Notify: the outcome of {EventId} to {Endpoint} was not recorded; it is tried again")]
    private partial void LogNotRecorded(string eventId, Uri endpoint, Exception exception);

    [LoggerMessage(EventId = 916, Level = LogLevel.Information, Message = "Notify: a delivery worker (fencing token {FencingToken}) stopped: {Reason}")]
    private partial void LogStopped(long fencingToken, string reason);
}
