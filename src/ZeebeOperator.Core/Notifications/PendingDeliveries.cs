using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Notifications;

/// <summary>One attempt to make: an event, a subscriber task, and where the task's retries of it stand.</summary>
public sealed record PendingDelivery(ClusterNotification Notification, SubscriberTask Task, DeliveryRetry? Retry);

/// <summary>
/// What the delivery engine knows of the pending events, in memory and thread-safe: each event's subscriber tasks running
/// now, those done with it and the others' retries, which (event, task) attempts are in flight, and how many workers run.
/// A task has at most one attempt in flight: one that hangs holds one worker, however many events wait for it.
/// The outbox is the truth; <see cref="Refresh"/> takes its view and keeps only what this instance learned since (an
/// outcome marked after the read). Its size is bounded by the page of pending events read.
/// </summary>
public sealed class PendingDeliveries
{
    private readonly Lock _gate = new();
    /// <summary>The event of each task's attempt in flight, by task key.</summary>
    private readonly Dictionary<string, string> _inFlight = new(StringComparer.Ordinal);
    private List<PendingEvent> _events = [];
    private int _workers;

    /// <summary>Workers running, each with one attempt in flight.</summary>
    public int Workers
    {
        get
        {
            lock (_gate)
            {
                return _workers;
            }
        }
    }

    /// <summary>Takes the outbox's pending events and the tasks each goes to; returns those that need nothing more, claimed for completion.</summary>
    public IReadOnlyList<ClusterNotification> Refresh(IEnumerable<(OutboxEntry Entry, IReadOnlyList<SubscriberTask> Targets)> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        lock (_gate)
        {
            var known = _events.ToDictionary(e => e.Notification.EventId, StringComparer.Ordinal);
            _events = [.. pending.Select(p => known.TryGetValue(p.Entry.Notification.EventId, out var mine) ? mine.Merge(p.Entry, p.Targets) : new PendingEvent(p.Entry, p.Targets))];
            return [.. _events.Where(ClaimIfSettled).Select(e => e.Notification)];
        }
    }

    /// <summary>Counts a new worker and gives it its first attempt: false when <paramref name="maxWorkers"/> run or nothing is due.</summary>
    public bool TryStartWorker(int maxWorkers, DateTimeOffset now, out PendingDelivery? delivery)
    {
        lock (_gate)
        {
            delivery = null;
            if (_workers >= maxWorkers || !TryTakeDue(now, out delivery))
            {
                return false;
            }

            _workers++;
            return true;
        }
    }

    /// <summary>A worker's next attempt; when nothing is due, the worker stops (in the same step, so none is left waiting).</summary>
    public bool TryTakeNext(DateTimeOffset now, out PendingDelivery? delivery)
    {
        lock (_gate)
        {
            if (TryTakeDue(now, out delivery))
            {
                return true;
            }

            _workers--;
            return false;
        }
    }

    /// <summary>A worker stopping early (its term ended), giving back the attempt it had taken, if any.</summary>
    public void StopWorker(PendingDelivery? taken)
    {
        lock (_gate)
        {
            _workers--;
            if (taken is not null)
            {
                _inFlight.Remove(taken.Task.Key);
            }
        }
    }

    /// <summary>The task has its final outcome; returns the event when that was the last one it waited for (claimed for completion).</summary>
    public ClusterNotification? Done(PendingDelivery delivery) => Settle(delivery, e => e.Done.Add(delivery.Task.Key), claim: true);

    /// <summary>The attempt failed and is to be made again at <see cref="DeliveryRetry.DueAt"/>.</summary>
    public void Retry(PendingDelivery delivery, DeliveryRetry retry) => Settle(delivery, e => e.Retries[delivery.Task.Key] = retry, claim: false);

    /// <summary>The attempt's outcome could not be recorded: it is made again, not before <paramref name="notBefore"/>.</summary>
    public void Release(PendingDelivery delivery, DateTimeOffset notBefore) => Settle(delivery, e => e.HeldUntil[delivery.Task.Key] = notBefore, claim: false);

    /// <summary>A claimed event's completion failed: a later refresh claims it again.</summary>
    public void Unclaim(string eventId)
    {
        lock (_gate)
        {
            if (_events.Find(e => e.Notification.EventId == eventId) is { } pending)
            {
                pending.Completing = false;
            }
        }
    }

    /// <summary>The event is completed in the outbox.</summary>
    public void Forget(string eventId)
    {
        lock (_gate)
        {
            _events.RemoveAll(e => e.Notification.EventId == eventId);
        }
    }

    /// <summary>When the earliest attempt that waits is due, after <paramref name="now"/> (attempts due now are the workers'); null when none waits.</summary>
    public DateTimeOffset? NextDue(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _events.Where(e => !e.Completing)
                .SelectMany(e => e.Open().Where(t => !_inFlight.ContainsKey(t.Key)).Select(e.DueAt))
                .Where(at => at > now)
                .Select(at => (DateTimeOffset?)at)
                .Min();
        }
    }

    private ClusterNotification? Settle(PendingDelivery delivery, Action<PendingEvent> record, bool claim)
    {
        lock (_gate)
        {
            _inFlight.Remove(delivery.Task.Key);
            var pending = _events.Find(e => e.Notification.EventId == delivery.Notification.EventId);
            if (pending is null)
            {
                return null;
            }

            record(pending);
            return claim && ClaimIfSettled(pending) ? pending.Notification : null;
        }
    }

    private bool ClaimIfSettled(PendingEvent pending)
    {
        var eventId = pending.Notification.EventId;
        if (pending.Completing || pending.Open().Any() || _inFlight.ContainsValue(eventId))
        {
            return false;
        }

        pending.Completing = true;
        return true;
    }

    private bool TryTakeDue(DateTimeOffset now, out PendingDelivery? delivery)
    {
        foreach (var pending in _events.Where(e => !e.Completing))
        {
            // A task whose address could not be looked up this pass stays open (its event waits) but gets no attempt.
            foreach (var task in pending.Open().Where(t => t.IsReachable))
            {
                if (pending.DueAt(task) <= now && _inFlight.TryAdd(task.Key, pending.Notification.EventId))
                {
                    delivery = new PendingDelivery(pending.Notification, task, pending.Retries.GetValueOrDefault(task.Key));
                    return true;
                }
            }
        }

        delivery = null;
        return false;
    }

    private sealed class PendingEvent(OutboxEntry entry, IReadOnlyList<SubscriberTask> targets)
    {
        public ClusterNotification Notification { get; } = entry.Notification;

        public IReadOnlyList<SubscriberTask> Targets { get; private set; } = targets;

        public HashSet<string> Done { get; } = new(entry.Done, StringComparer.Ordinal);

        public Dictionary<string, DeliveryRetry> Retries { get; } = new(entry.Retries, StringComparer.Ordinal);

        public Dictionary<string, DateTimeOffset> HeldUntil { get; } = new(StringComparer.Ordinal);

        public bool Completing { get; set; }

        /// <summary>The tasks running now that still wait for their outcome.</summary>
        public IEnumerable<SubscriberTask> Open() => Targets.Where(t => !Done.Contains(t.Key));

        public DateTimeOffset DueAt(SubscriberTask task)
        {
            var due = Retries.TryGetValue(task.Key, out var retry) ? retry.DueAt : DateTimeOffset.MinValue;
            return HeldUntil.TryGetValue(task.Key, out var held) && held > due ? held : due;
        }

        /// <summary>The outbox's view, plus what this instance recorded after it was read (outcomes only move forward).</summary>
        public PendingEvent Merge(OutboxEntry entry, IReadOnlyList<SubscriberTask> targets)
        {
            Targets = targets;
            Done.UnionWith(entry.Done);
            foreach (var (task, retry) in entry.Retries)
            {
                if (!Retries.TryGetValue(task, out var mine) || mine.Attempts < retry.Attempts)
                {
                    Retries[task] = retry;
                }
            }

            return this;
        }
    }
}
