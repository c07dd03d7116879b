using ZeebeOperator.Core;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Events;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// The control loop's real parts (spec watcher, events consumer, work queue, dispatcher, reconciler) on the simulated
/// AWS and a manual clock, with the host's default timings (polling only, or the safety nets with events): the host
/// tests' <see cref="EventDrivenOperator"/>, compiled in from its source so that both drive one implementation. Each
/// step moves the clock, runs the spec poll and the resync when due, takes every visible event, and reconciles every
/// queued cluster at that instant: figures are simulated time, to the step's resolution, without per-call latency.
/// </summary>
internal sealed class SteppedLoop : IDisposable
{
    private readonly EventDrivenOperator _loop;

    /// <param name="events">With the events queue (Events:QueueUrl set, delivered after <paramref name="eventDelay"/>); without it, polling only.</param>
    public SteppedLoop(bool events, TimeSpan eventDelay)
    {
        _loop = new EventDrivenOperator(events);
        _loop.Aws.Events.Faults = new EventDeliveryFaults { Delay = eventDelay };
    }

    public SimulatedAws Aws => _loop.Aws;

    public OperatorOptions Options => _loop.Options;

    public DateTimeOffset Now => _loop.Time.GetUtcNow();

    public void Commit(ZeebeClusterDocument document) => _loop.Commit(document);

    public bool IsReady(string cluster, long generation) => _loop.IsReady(cluster, generation);

    /// <summary>Nothing queued, delayed or in flight: the loop is idle until the next poll, resync or event.</summary>
    public bool Idle => _loop.Queue.Count + _loop.Queue.ProcessingCount + _loop.Queue.DelayedCount == 0;

    /// <summary>Steps until <paramref name="done"/> holds (returns the time it first held) or <paramref name="limit"/> has passed (null).</summary>
    public Task<DateTimeOffset?> RunUntilAsync(Func<bool> done, TimeSpan limit, TimeSpan step) => _loop.RunUntilAsync(done, limit, step);

    /// <summary>The first AWS call (ECS, Cloud Map, EFS) that changes something, after <paramref name="mark"/>.</summary>
    public ApiCall? FirstMutationSince(long mark) => Aws.Calls.Since(mark).FirstOrDefault(c => c.Mutating && CallCounts.IsAws(c));

    public void Dispose() => _loop.Dispose();
}
