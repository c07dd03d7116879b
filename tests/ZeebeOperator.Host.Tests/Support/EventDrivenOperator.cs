using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Host.Controller;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Support;

/// <summary>
/// The control loop's real parts (spec watcher, events consumer, work queue, dispatcher, the core's reconciler) on the
/// simulated AWS and a manual clock, stepped by the test: each step moves the clock, runs the spec poll and the resync
/// when they are due, takes what the queue holds without waiting, and reconciles every ready key.
/// </summary>
internal sealed class EventDrivenOperator : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly SpecWatcher _watcher;
    private readonly ReconcileDispatcher _dispatcher;
    private readonly KnownClusters _known = new();
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Kind, string Outcome), long> _events = [];
    private DateTimeOffset _nextPoll;
    private DateTimeOffset _nextResync;

    /// <param name="events">Whether the events queue is configured (Events:QueueUrl); without it, polling only.</param>
    public EventDrivenOperator(bool events, ManualTimeProvider? time = null)
    {
        Time = time ?? new ManualTimeProvider(Start);
        Aws = new SimulatedAws(Time, new SimulationOptions { TaskStartDelay = TimeSpan.FromSeconds(2) });
        Aws.Events.Enabled = events;
        var settings = new Dictionary<string, string?> { ["Operator:ThrottleRetryBaseDelay"] = "00:00:00" };
        if (events)
        {
            settings["Events:QueueUrl"] = "https://sqs.us-east-1.amazonaws.com/000000000000/zeebe-operator-events";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(Time)
            .AddSimulatedAws(Aws);
        services.AddZeebeOperatorCore(configuration);
        services.AddOperatorMetrics();
        services.AddMeteredPort<IEventQueue>();
        services.AddSingleton<WorkQueue>();
        _services = services.BuildServiceProvider();

        Options = _services.GetRequiredService<IOptions<OperatorOptions>>().Value;
        Queue = _services.GetRequiredService<WorkQueue>();
        var operatorOptions = _services.GetRequiredService<IOptions<OperatorOptions>>();
        _watcher = new SpecWatcher(_services.GetRequiredService<ISpecStore>(), Queue, _known, operatorOptions, Time, NullLogger<SpecWatcher>.Instance);
        _dispatcher = new ReconcileDispatcher(_services.GetRequiredService<IServiceScopeFactory>(), Queue, operatorOptions, Time, NullLogger<ReconcileDispatcher>.Instance);
        Consumer = NewConsumer(_services.GetRequiredService<ILeadership>());
        _nextPoll = Time.GetUtcNow();
        _nextResync = Time.GetUtcNow() + Options.ResyncInterval;
        ListenToEventCounts();
    }

    public ManualTimeProvider Time { get; }

    public SimulatedAws Aws { get; }

    public OperatorOptions Options { get; }

    public WorkQueue Queue { get; }

    public EventConsumer Consumer { get; }

    /// <summary>Every reconcile: the cluster and the simulated time it started at.</summary>
    public List<(string Cluster, DateTimeOffset At)> Reconciles { get; } = [];

    /// <summary>A valid spec of cluster <c>orders</c> in ECS cluster <c>zeebe</c>.</summary>
    public static ZeebeClusterDocument Orders(long generation, int clusterSize = 3)
    {
        var document = Specs.Document("orders", generation);
        return document with
        {
            Spec = document.Spec with
            {
                ClusterSize = clusterSize,
                Placement = document.Spec.Placement with
                {
                    Subnets = ["subnet-0a1b2c3d4e5f60718"],
                    SecurityGroups = ["sg-0a1b2c3d4e5f60718"],
                    ExecutionRoleArn = "arn:aws:iam::123456789012:role/zeebe-task",
                },
                Storage = document.Spec.Storage with { FileSystemId = "fs-0123456789abcdef0" },
            },
        };
    }

    /// <summary>Whether the cluster's latest status is Ready at <paramref name="generation"/>.</summary>
    public bool IsReady(string cluster, long generation) =>
        _services.GetRequiredService<ClusterStatusCache>().Find(cluster) is { IsReady: true } status && status.ObservedGeneration == generation;

    /// <summary>The cluster's latest conditions, for a failing assertion's message.</summary>
    public string Describe(string cluster) =>
        _services.GetRequiredService<ClusterStatusCache>().Find(cluster) is { } status
            ? $"generation {status.ObservedGeneration}: " + string.Join("; ", status.Conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}"))
            : "no status";

    public void Commit(ZeebeClusterDocument document) => Aws.Specs.Put(SpecKeys.KeyFor(document.Name), SpecSerializer.ToJson(document));

    /// <summary>How many messages were counted under <c>zeebe_operator.events</c> with this kind and outcome.</summary>
    public long EventCount(string kind, string outcome) => _events.GetValueOrDefault((kind, outcome));

    /// <summary>A consumer on this loop's queue and events, for another leadership.</summary>
    public EventConsumer NewConsumer(ILeadership leadership) => new(
        _services.GetRequiredService<IEventQueue>(),
        _services.GetRequiredService<EventRouter>(),
        Queue,
        _known,
        leadership,
        _services.GetRequiredService<OperatorMetrics>(),
        _services.GetRequiredService<IOptions<EventsOptions>>(),
        _services.GetRequiredService<IOptions<OperatorOptions>>(),
        Time,
        NullLogger<EventConsumer>.Instance);

    /// <summary>Moves the clock by <paramref name="step"/> and runs what is due, as the control loop would.</summary>
    public async Task StepAsync(TimeSpan step)
    {
        Time.Advance(step);
        var now = Time.GetUtcNow();
        if (now >= _nextPoll)
        {
            await _watcher.PollOnceAsync(CancellationToken.None);
            _nextPoll = now + Options.SpecPollInterval;
        }

        if (now >= _nextResync)
        {
            foreach (var cluster in _known.Snapshot())
            {
                Queue.Add(cluster);
            }

            _nextResync = now + Options.ResyncInterval;
        }

        if (Aws.Events.Enabled)
        {
            while (await Consumer.PollOnceAsync(TimeSpan.Zero, CancellationToken.None) > 0)
            {
            }
        }

        while (Queue.Count > 0)
        {
            var cluster = (await Queue.GetAsync(CancellationToken.None))!;
            Reconciles.Add((cluster, now));
            await _dispatcher.ProcessAsync(cluster, CancellationToken.None);
        }
    }

    /// <summary>Steps until <paramref name="done"/> holds or <paramref name="limit"/> of simulated time has passed; returns when it held, or null.</summary>
    public async Task<DateTimeOffset?> RunUntilAsync(Func<bool> done, TimeSpan limit, TimeSpan? step = null)
    {
        var end = Time.GetUtcNow() + limit;
        while (Time.GetUtcNow() < end)
        {
            await StepAsync(step ?? TimeSpan.FromMilliseconds(250));
            if (done())
            {
                return Time.GetUtcNow();
            }
        }

        return null;
    }

    public void Dispose()
    {
        _listener.Dispose();
        Queue.Dispose();
        _services.Dispose();
    }

    private void ListenToEventCounts()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "zeebe_operator.events")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string kind = string.Empty, outcome = string.Empty;
            foreach (var tag in tags)
            {
                (kind, outcome) = tag.Key switch
                {
                    "kind" => ((string)tag.Value!, outcome),
                    "outcome" => (kind, (string)tag.Value!),
                    _ => (kind, outcome),
                };
            }

            lock (_events)
            {
                _events[(kind, outcome)] = _events.GetValueOrDefault((kind, outcome)) + value;
            }
        });
        _listener.Start();
        _services.GetRequiredService<OperatorMetrics>();
    }
}
