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
/// ECS discovery, over <see cref="Tasks"/> simulated subscriber tasks, four of them misbehaving for a while
/// (<see cref="Misbehaving"/>): one refusing connections, one answering 500, one hanging (each POST ends at
/// <see cref="NotifyOptions.RequestTimeout"/>) and one down for minutes. <see cref="Events"/> events are written
/// <see cref="EventInterval"/> apart, and the host's delivery loop runs as it does in the operator (a pass at once on a
/// new event or a newly scheduled retry, else at the next retry or outbox poll), its attempts running beside it. Every
/// POST takes <see cref="PostLatency"/> of simulated time, so the bounded parallelism shows. The clock moves from one
/// timer to the next once every worker waits.
/// </summary>
internal static class FanoutScenario
{
    public const int Tasks = 100;
    public const int Events = 5;
    public static readonly TimeSpan EventInterval = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan PostLatency = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan Goal = TimeSpan.FromSeconds(2);

    /// <summary>How the misbehaving tasks answer, and until when (from the first write).</summary>
    public static readonly IReadOnlyList<(string Description, SubscriberBehaviour Behaviour, TimeSpan Until)> Misbehaving =
    [
        ("refuses connections", SubscriberBehaviour.Refuse, TimeSpan.FromSeconds(10)),
        ("answers 500", SubscriberBehaviour.ServerError, TimeSpan.FromSeconds(10)),
        ("hangs (every POST times out)", SubscriberBehaviour.Hang, TimeSpan.FromSeconds(30)),
        ("is down (refuses connections)", SubscriberBehaviour.Refuse, TimeSpan.FromMinutes(5)),
    ];

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
        var signal = new NotificationSignal();
        var delivery = new NotificationDelivery(
            aws.Outbox,
            new EcsSubscriberDirectory(aws.Ecs, time, options, NullLogger<EcsSubscriberDirectory>.Instance),
            scopes,
            transport,
            aws.Audit,
            leadership,
            signal,
            time,
            options,
            NullLogger<NotificationDelivery>.Instance,
            jitter: new Random(seed));

        var start = time.GetUtcNow();
        var misbehaving = Misbehaving.Select((m, i) => (m.Description, m.Until, Endpoint: endpoints[i])).ToList();
        foreach (var ((_, behaviour, until), endpoint) in Misbehaving.Zip(endpoints))
        {
            aws.Subscribers.Set(endpoint, behaviour, until: start + until);
        }

        var writes = new Queue<DateTimeOffset>(Enumerable.Range(0, Events).Select(i => start + i * EventInterval));
        var written = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
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
                signal.Raise();
            }
        }

        using var stop = new CancellationTokenSource();
        await WriteDueAsync();
        var loop = new DeliveryLoop(delivery, signal, leadership.CurrentToken, time, options.Value);
        var running = loop.RunAsync(stop.Token);
        bool Settled() => loop.IsWaiting && !signal.IsRaised && delivery.AttemptsInFlight == transport.Waiting;
        while (time.GetUtcNow() - start < Limit && !(writes.Count == 0 && written.Keys.All(aws.Outbox.IsCompleted)))
        {
            // Only the clock moves things on once the loop waits (and no signal is pending) and every attempt in flight
            // waits for its answer; the state is checked twice, as a wait that just ended resets the signal first.
            while (!(Settled() && await Task.Delay(1).ContinueWith(_ => Settled(), TaskScheduler.Default)))
            {
                await Task.Delay(1);
            }

            var next = new[] { time.NextTimerDue, writes.TryPeek(out var write) ? write : null }.Where(t => t is not null).Min();
            if (next is null)
            {
                break;
            }

            time.SetUtcNow(next.Value > time.GetUtcNow() ? next.Value : time.GetUtcNow());
            await WriteDueAsync();
        }

        await stop.CancelAsync();
        await running;
        return Measure(aws.Subscribers, endpoints, written, start, misbehaving, transport.Posts, options.Value);
    }

    /// <summary>The host's delivery loop (<c>NotificationDeliveryService</c>): a pass, then a wait for the signal, the next retry or the poll.</summary>
    private sealed class DeliveryLoop(NotificationDelivery delivery, NotificationSignal signal, long fencingToken, TimeProvider time, NotifyOptions options)
    {
        private volatile Task? _waiting;

        /// <summary>True while the loop waits and nothing has ended its wait yet.</summary>
        public bool IsWaiting => _waiting is { IsCompleted: false };

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    var next = await delivery.DeliverDueAsync(fencingToken, cancellationToken);
                    // Rounded up as the service does: a delay counts whole milliseconds, and one that ends early would spin.
                    var wait = next is { } due ? TimeSpan.FromMilliseconds(Math.Ceiling((due - time.GetUtcNow()).TotalMilliseconds)) : options.OutboxPollInterval;
                    wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > options.OutboxPollInterval ? options.OutboxPollInterval : wait;
                    var waiting = signal.WaitAsync(wait, time, cancellationToken);
                    _waiting = waiting;
                    await waiting;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The run is over.
            }
        }
    }

    private static Fanout Measure(SimulatedSubscribers subscribers, IReadOnlyList<Uri> endpoints, IReadOnlyDictionary<string, DateTimeOffset> written, DateTimeOffset start, IReadOnlyList<(string Description, TimeSpan Until, Uri Endpoint)> misbehaving, int posts, NotifyOptions options)
    {
        var received = subscribers.All;
        var everyTaskGotEveryEvent = endpoints.All(e => written.Keys.All(id => subscribers.ReceivedBy(e).Any(r => r.IdempotencyKey == id)));
        var duplicates = received.Count - received.Select(r => (r.Endpoint, r.IdempotencyKey)).Distinct().Count();
        var healthy = endpoints.Where(e => misbehaving.All(m => m.Endpoint != e))
            .SelectMany(e => subscribers.ReceivedBy(e))
            .Select(r => (r.At - written[r.IdempotencyKey]).TotalSeconds)
            .ToList();
        FailingTask Failing((string Description, TimeSpan Until, Uri Endpoint) task)
        {
            var got = subscribers.ReceivedBy(task.Endpoint);
            var last = got.Count == 0 ? double.NaN : (got.Max(r => r.At) - start).TotalSeconds;
            return new FailingTask(task.Description, task.Until.TotalSeconds, got.Select(r => r.IdempotencyKey).Distinct(StringComparer.Ordinal).Count(), Math.Round(last, 2), Math.Round(last - task.Until.TotalSeconds, 2));
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
            [.. misbehaving.Select(Failing)],
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
    /// Each POST answers after <paramref name="latency"/> of the manual clock (a timer of the clock unparks it), and one
    /// to a hanging task waits for its timeout. <see cref="Waiting"/> counts the POSTs that wait for the clock, updated
    /// in the clock's callbacks, so the driver knows when only the clock moves things on.
    /// </summary>
    private sealed class LatentTransport(ISubscriberTransport inner, TimeProvider time, TimeSpan latency) : ISubscriberTransport
    {
        private int _posts;
        private int _waiting;

        public int Posts => Volatile.Read(ref _posts);

        public int Waiting => Volatile.Read(ref _waiting);

        public async Task<DeliveryAttempt> SendAsync(SubscriberTask target, string eventId, string body, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _posts);
            Interlocked.Increment(ref _waiting);
            var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (time.CreateTimer(_ => Answer(answered), null, latency, Timeout.InfiniteTimeSpan))
            {
                await answered.Task.ConfigureAwait(false);
            }

            var sent = inner.SendAsync(target, eventId, body, cancellationToken);
            if (sent.IsCompleted)
            {
                return await sent.ConfigureAwait(false);
            }

            // A hanging task: it waits until the caller's timeout cancels it, a callback the clock runs.
            Interlocked.Increment(ref _waiting);
            using (cancellationToken.Register(() => Interlocked.Decrement(ref _waiting)))
            {
                return await sent.ConfigureAwait(false);
            }
        }

        private void Answer(TaskCompletionSource answered)
        {
            Interlocked.Decrement(ref _waiting);
            answered.TrySetResult();
        }
    }
}
