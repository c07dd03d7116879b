using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Notifications;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// Notification fan-out, in simulated time: the real <see cref="NotificationDelivery"/> (default options) with the real
/// ECS discovery, over <see cref="Tasks"/> simulated subscriber tasks, one refusing connections and one answering 500
/// for the first <see cref="Outage"/>. <see cref="Events"/> events are written <see cref="EventInterval"/> apart, and
/// delivery passes run as the host's delivery loop runs them (at once on a new event, else at the next retry or
/// outbox poll). Every POST takes <see cref="PostLatency"/> of simulated time, so the bounded parallelism shows.
/// </summary>
internal static class FanoutScenario
{
    public const int Tasks = 100;
    public const int Events = 5;
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan EventInterval = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan PostLatency = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan Goal = TimeSpan.FromSeconds(2);

    private const string EcsCluster = "camunda";
    private const string Service = "orders-listener";
    private const string Cluster = "orders";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    public static async Task<Fanout> RunAsync(int seed)
    {
        var time = new ManualTimeProvider();
        var aws = new SimulatedAws(time, new SimulationOptions());
        var endpoints = await StartSubscribersAsync(aws, time);
        var options = Options.Create(new NotifyOptions());
        var scopes = new SubscriberScopes();
        scopes.Record(Cluster, [EcsCluster]);
        var transport = new LatentTransport(aws.Subscribers, time, PostLatency);
        var leadership = new SingleInstanceLeadership("bench", time);
        var delivery = new NotificationDelivery(
            aws.Outbox,
            new EcsSubscriberDirectory(aws.Ecs, time, options, NullLogger<EcsSubscriberDirectory>.Instance),
            scopes,
            transport,
            aws.Audit,
            leadership,
            time,
            options,
            NullLogger<NotificationDelivery>.Instance,
            jitter: new Random(seed));

        var start = time.GetUtcNow();
        var (refusing, failing) = (endpoints[0], endpoints[1]);
        aws.Subscribers.Set(refusing, SubscriberBehaviour.Refuse, until: start + Outage);
        aws.Subscribers.Set(failing, SubscriberBehaviour.ServerError, until: start + Outage);

        var writes = new Queue<DateTimeOffset>(Enumerable.Range(0, Events).Select(i => start + i * EventInterval));
        var written = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var signalled = false;
        async Task WriteDueAsync()
        {
            while (writes.TryPeek(out var at) && at <= time.GetUtcNow())
            {
                writes.Dequeue();
                var generation = written.Count + 1;
                var notification = new ClusterNotification(
                    ClusterNotification.IdOf(Cluster, generation, NotificationTypes.Ready, string.Empty), NotificationTypes.Ready, Cluster, generation, at, [new NotifiedBroker(0, "orders-0.zeebe.internal", "10.0.1.10")]);
                await aws.Outbox.AddAsync(notification, CancellationToken.None);
                written[notification.EventId] = at;
                signalled = true;
            }
        }

        while (time.GetUtcNow() - start < Limit)
        {
            await WriteDueAsync();
            if (writes.Count == 0 && written.Keys.All(aws.Outbox.IsCompleted))
            {
                break;
            }

            signalled = false;
            var pass = delivery.DeliverDueAsync(leadership.CurrentToken, CancellationToken.None);
            while (!pass.IsCompleted)
            {
                if (await transport.SettledAsync(pass, options.Value.MaxParallelDeliveries) is not { } nextResponse)
                {
                    break;
                }

                time.SetUtcNow(writes.TryPeek(out var nextWrite) && nextWrite < nextResponse ? nextWrite : nextResponse);
                await WriteDueAsync();
            }

            var nextRetry = await pass;
            if (signalled)
            {
                continue;
            }

            var wake = time.GetUtcNow() + options.Value.OutboxPollInterval;
            wake = nextRetry is { } retry && retry < wake ? retry : wake;
            wake = writes.TryPeek(out var write) && write < wake ? write : wake;
            if (wake > time.GetUtcNow())
            {
                time.SetUtcNow(wake);
            }
        }

        return Measure(aws.Subscribers, endpoints, written, start, refusing, failing, transport.Posts, options.Value);
    }

    private static Fanout Measure(SimulatedSubscribers subscribers, IReadOnlyList<Uri> endpoints, IReadOnlyDictionary<string, DateTimeOffset> written, DateTimeOffset start, Uri refusing, Uri failing, int posts, NotifyOptions options)
    {
        var received = subscribers.All;
        var everyTaskGotEveryEvent = endpoints.All(e => written.Keys.All(id => subscribers.ReceivedBy(e).Any(r => r.IdempotencyKey == id)));
        var duplicates = received.Count - received.Select(r => (r.Endpoint, r.IdempotencyKey)).Distinct().Count();
        var healthy = endpoints.Where(e => e != refusing && e != failing)
            .SelectMany(e => subscribers.ReceivedBy(e))
            .Select(r => (r.At - written[r.IdempotencyKey]).TotalSeconds)
            .ToList();
        FailingTask Failing(string behaviour, Uri endpoint)
        {
            var got = subscribers.ReceivedBy(endpoint);
            var last = got.Count == 0 ? double.NaN : (got.Max(r => r.At) - start).TotalSeconds;
            return new FailingTask(behaviour, Outage.TotalSeconds, got.Select(r => r.IdempotencyKey).Distinct(StringComparer.Ordinal).Count(), Math.Round(last, 2), Math.Round(last - Outage.TotalSeconds, 2));
        }

        return new Fanout(
            Tasks,
            Events,
            EventInterval.TotalSeconds,
            PostLatency.TotalMilliseconds,
            options.MaxParallelDeliveries,
            healthy.Count,
            Percentile(healthy, 0.5),
            Percentile(healthy, 0.99),
            healthy.Count == 0 ? double.NaN : Math.Round(healthy.Max(), 3),
            [Failing("refuses connections", refusing), Failing("answers 500", failing)],
            everyTaskGotEveryEvent,
            duplicates,
            posts);
    }

    private static async Task<IReadOnlyList<Uri>> StartSubscribersAsync(SimulatedAws aws, ManualTimeProvider time)
    {
        await SubscriberServices.DeployAsync(aws.Ecs, EcsCluster, Service, Tasks);
        for (var i = 0; i < 60 && Running(aws).Count < Tasks; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            aws.Advance();
        }

        var running = Running(aws);
        return running.Count == Tasks
            ? [.. running.Select(t => new SubscriberTask(EcsCluster, Service, t.TaskArn, t.PrivateIpv4Address!, SubscriberServices.DefaultPort, SubscriberServices.DefaultPath).Endpoint)]
            : throw new InvalidOperationException($"{running.Count} of {Tasks} subscriber tasks started.");
    }

    private static List<EcsTask> Running(SimulatedAws aws) => [.. aws.Ecs.GetTasks(EcsCluster, Service).Where(t => t.LastStatus == EcsTaskStatus.Running)];

    private static double Percentile(List<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToList();
        return Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 3);
    }

    /// <summary>
    /// Each POST answers after <paramref name="latency"/> of the manual clock. Its wait is a timer of the clock, whose
    /// callback (run by the clock's advance) unparks it, so the driver knows which POSTs wait and until when.
    /// </summary>
    private sealed class LatentTransport(ISubscriberTransport inner, TimeProvider time, TimeSpan latency) : ISubscriberTransport
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<int, DateTimeOffset> _parked = [];
        private int _posts;
        private int _activity;

        public int Posts => Volatile.Read(ref _posts);

        public async Task<DeliveryAttempt> SendAsync(SubscriberTask target, string eventId, string body, CancellationToken cancellationToken)
        {
            var id = Interlocked.Increment(ref _posts);
            var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _parked[id] = time.GetUtcNow() + latency;
                _activity++;
            }

            using (time.CreateTimer(_ => Unpark(id, answered), null, latency, Timeout.InfiniteTimeSpan))
            {
                await answered.Task.ConfigureAwait(false);
            }

            return await inner.SendAsync(target, eventId, body, cancellationToken).ConfigureAwait(false);
        }

        private void Unpark(int id, TaskCompletionSource answered)
        {
            lock (_gate)
            {
                _parked.Remove(id);
                _activity++;
            }

            answered.TrySetResult();
        }

        /// <summary>
        /// Waits until the pass can only move on when the clock does: every worker waits for an answer (all
        /// <paramref name="parallelism"/> of them, or nothing changed for a while); returns the earliest answer's time,
        /// or null when the pass completed or no POST waits.
        /// </summary>
        public async Task<DateTimeOffset?> SettledAsync(Task pass, int parallelism)
        {
            var (seen, calm) = (-1, 0);
            while (!pass.IsCompleted)
            {
                int activity;
                lock (_gate)
                {
                    if (_parked.Count >= parallelism)
                    {
                        return _parked.Values.Min();
                    }

                    activity = _activity;
                }

                (seen, calm) = activity == seen ? (seen, calm + 1) : (activity, 0);
                if (calm >= 20)
                {
                    lock (_gate)
                    {
                        return _parked.Count == 0 ? null : _parked.Values.Min();
                    }
                }

                await Task.Delay(1);
            }

            return null;
        }
    }
}
