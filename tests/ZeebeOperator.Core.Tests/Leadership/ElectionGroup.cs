using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Leadership;

/// <summary>A mutating call as a fencing-aware resource sees it.</summary>
internal sealed record FencedWrite(string Instance, long Token, DateTimeOffset At);

/// <summary>One operator instance: an elector on its own (pausable) view of the shared clock.</summary>
internal sealed class ElectionMember(string name, LeaderElector elector, PausableTimeProvider clock) : IDisposable
{
    private CancellationTokenSource? _stopping;

    public string Name { get; } = name;

    public LeaderElector Elector { get; } = elector;

    public PausableTimeProvider Clock { get; } = clock;

    public Task? Running { get; private set; }

    public bool IsRunning => Running is { IsCompleted: false };

    public void Start()
    {
        _stopping?.Dispose();
        _stopping = new CancellationTokenSource();
        Running = ElectionGroup.Unsynchronized(() => Elector.RunAsync(_stopping.Token));
    }

    /// <summary>Graceful shutdown: the elector steps down and releases the lease.</summary>
    public async Task StopAsync()
    {
        ElectionGroup.Unsynchronized(() =>
        {
            _stopping!.Cancel();
            return true;
        });
        await Running!;
    }

    public void Dispose() => _stopping?.Dispose();
}

/// <summary>
/// Several electors against one in-memory lease store on one manual clock, and a record of every mutating call
/// they make: a call goes through <see cref="LeaderElector.EnsureCurrent"/> with the token the caller holds.
/// </summary>
internal sealed class ElectionGroup
{
    public static readonly LeaderElectionOptions Defaults = new();

    public ElectionGroup(params string[] names)
    {
        Members = [.. names.Select(name =>
        {
            var clock = new PausableTimeProvider(Time);
            var options = new LeaderElectionOptions { Identity = name, LeaseName = "operator" };
            return new ElectionMember(name, new LeaderElector(Store, Options.Create(options), clock, NullLogger<LeaderElector>.Instance), clock);
        })];
    }

    public ManualTimeProvider Time { get; } = new(OperatorHarness.Start);

    public InMemoryLeaseStore Store { get; } = new();

    public IReadOnlyList<ElectionMember> Members { get; }

    public List<FencedWrite> Accepted { get; } = [];

    public List<FencedWrite> Refused { get; } = [];

    public int MaxSimultaneousLeaders { get; private set; }

    public ElectionMember this[string name] => Members.Single(m => m.Name == name);

    public IEnumerable<ElectionMember> Leaders => Members.Where(m => m.Elector.IsLeader);

    /// <summary>Advances the shared clock in small steps, sampling how many members believe they lead at each.</summary>
    public void Advance(TimeSpan by, TimeSpan? step = null)
    {
        var target = Time.GetUtcNow() + by;
        var increment = step ?? TimeSpan.FromMilliseconds(250);
        while (Time.GetUtcNow() < target)
        {
            var next = Time.GetUtcNow() + increment;
            Unsynchronized(() =>
            {
                Time.SetUtcNow(next < target ? next : target);
                return true;
            });
            Sample();
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> without xunit's synchronization context: with one, .NET does not run
    /// continuations inline, so the electors' rounds would run on the thread pool after the clock moved on.
    /// </summary>
    public static T Unsynchronized<T>(Func<T> action)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    public void Sample() => MaxSimultaneousLeaders = Math.Max(MaxSimultaneousLeaders, Leaders.Count());

    /// <summary>A mutating call by <paramref name="member"/> with the token it holds; refused unless that term is still current.</summary>
    public bool TryWrite(ElectionMember member, long token)
    {
        var write = new FencedWrite(member.Name, token, Time.GetUtcNow());
        try
        {
            member.Elector.EnsureCurrent(token);
        }
        catch (LeadershipLostException)
        {
            Refused.Add(write);
            return false;
        }

        Accepted.Add(write);
        return true;
    }

    /// <summary>Every leader (not paused) makes a call with its current token.</summary>
    public void LeadersWrite()
    {
        foreach (var member in Members.Where(m => !m.Clock.IsPaused))
        {
            if (member.Elector.FencingToken is { } token)
            {
                TryWrite(member, token);
            }
        }
    }

    /// <summary>At most one leader at any sampled moment; accepted calls in time order carry non-decreasing tokens, each token one instance's.</summary>
    public void AssertNoTwoLeaders()
    {
        Assert.True(MaxSimultaneousLeaders <= 1, $"{MaxSimultaneousLeaders} instances led at the same moment");
        for (var i = 1; i < Accepted.Count; i++)
        {
            Assert.True(Accepted[i].At >= Accepted[i - 1].At);
            Assert.True(
                Accepted[i].Token >= Accepted[i - 1].Token,
                $"call with token {Accepted[i].Token} by {Accepted[i].Instance} at {Accepted[i].At:O} came after one with token {Accepted[i - 1].Token} by {Accepted[i - 1].Instance}");
        }

        foreach (var term in Accepted.GroupBy(w => w.Token))
        {
            Assert.Single(term.Select(w => w.Instance).Distinct());
        }
    }
}
