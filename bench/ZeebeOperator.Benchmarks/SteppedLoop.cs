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
using ZeebeOperator.Simulation.Events;
using ZeebeOperator.Simulation.Infrastructure;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// The control loop's real parts (spec watcher, events consumer, work queue, dispatcher, reconciler) on the simulated
/// AWS and a manual clock, with the host's default timings (polling only, or the safety nets with events). Each step
/// moves the clock, runs the spec poll and the resync when due, takes every visible event, and reconciles every queued
/// cluster at that instant: figures are simulated time, to the step's resolution, without per-call latency.
/// </summary>
internal sealed class SteppedLoop : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly SpecWatcher _watcher;
    private readonly ReconcileDispatcher _dispatcher;
    private readonly EventConsumer? _consumer;
    private readonly KnownClusters _known = new();
    private readonly WorkQueue _queue;
    private DateTimeOffset _nextPoll;
    private DateTimeOffset _nextResync;

    /// <param name="events">With the events queue (Events:QueueUrl set, delivered after <paramref name="eventDelay"/>); without it, polling only.</param>
    public SteppedLoop(bool events, TimeSpan eventDelay)
    {
        Time = new ManualTimeProvider(Start);
        Aws = new SimulatedAws(Time, new SimulationOptions());
        Aws.Events.Enabled = events;
        Aws.Events.Faults = new EventDeliveryFaults { Delay = eventDelay };
        var settings = new Dictionary<string, string?> { ["Operator:ThrottleRetryBaseDelay"] = "00:00:00" };
        if (events)
        {
            settings["Events:QueueUrl"] = "https://sqs.us-east-1.amazonaws.com/000000000000/zeebe-operator-events";
        }

        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(Time)
            .AddSimulatedAws(Aws);
        services.AddZeebeOperatorCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddOperatorMetrics();
        services.AddMeteredPort<IEventQueue>();
        services.AddSingleton<WorkQueue>();
        _services = services.BuildServiceProvider();

        var operatorOptions = _services.GetRequiredService<IOptions<OperatorOptions>>();
        Options = operatorOptions.Value;
        _queue = _services.GetRequiredService<WorkQueue>();
        _watcher = new SpecWatcher(_services.GetRequiredService<ISpecStore>(), _queue, _known, operatorOptions, Time, NullLogger<SpecWatcher>.Instance);
        _dispatcher = new ReconcileDispatcher(_services.GetRequiredService<IServiceScopeFactory>(), _queue, operatorOptions, Time, NullLogger<ReconcileDispatcher>.Instance);
        if (events)
        {
            _consumer = new EventConsumer(
                _services.GetRequiredService<IEventQueue>(),
                _services.GetRequiredService<EventRouter>(),
                _queue,
                _known,
                _services.GetRequiredService<ILeadership>(),
                _services.GetRequiredService<OperatorMetrics>(),
                _services.GetRequiredService<IOptions<EventsOptions>>(),
                operatorOptions,
                Time,
                NullLogger<EventConsumer>.Instance);
        }

        _nextPoll = Time.GetUtcNow();
        _nextResync = Time.GetUtcNow() + Options.ResyncInterval;
    }

    public ManualTimeProvider Time { get; }

    public SimulatedAws Aws { get; }

    public OperatorOptions Options { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public void Commit(ZeebeClusterDocument document) => Aws.Specs.Put(SpecKeys.KeyFor(document.Name), SpecSerializer.ToJson(document));

    public bool IsReady(string cluster, long generation) =>
        _services.GetRequiredService<ClusterStatusCache>().Find(cluster) is { IsReady: true } status && status.ObservedGeneration == generation;

    /// <summary>Nothing queued, delayed or in flight: the loop is idle until the next poll, resync or event.</summary>
    public bool Idle => _queue.Count + _queue.ProcessingCount + _queue.DelayedCount == 0;

    /// <summary>Moves the clock by <paramref name="step"/> and runs what is due, as the host's control loop would.</summary>
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
                _queue.Add(cluster);
            }

            _nextResync = now + Options.ResyncInterval;
        }

        if (_consumer is not null)
        {
            while (await _consumer.PollOnceAsync(TimeSpan.Zero, CancellationToken.None) > 0)
            {
            }
        }

        while (_queue.Count > 0)
        {
            await _dispatcher.ProcessAsync((await _queue.GetAsync(CancellationToken.None))!, CancellationToken.None);
        }
    }

    /// <summary>Steps until <paramref name="done"/> holds (returns the time it first held) or <paramref name="limit"/> has passed (null).</summary>
    public async Task<DateTimeOffset?> RunUntilAsync(Func<bool> done, TimeSpan limit, TimeSpan step)
    {
        var end = Now + limit;
        while (Now < end)
        {
            await StepAsync(step);
            if (done())
            {
                return Now;
            }
        }

        return null;
    }

    /// <summary>The first AWS call (ECS, Cloud Map, EFS) that changes something, after <paramref name="mark"/>.</summary>
    public ApiCall? FirstMutationSince(long mark) => Aws.Calls.Since(mark).FirstOrDefault(c => c.Mutating && CallCounts.IsAws(c));

    public void Dispose()
    {
        _queue.Dispose();
        _services.Dispose();
    }
}
