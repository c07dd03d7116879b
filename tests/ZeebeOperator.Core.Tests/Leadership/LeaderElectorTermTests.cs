using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Leadership;

/// <summary>
/// One elector's rounds against a lease store that can answer late, lose a race or fail, on a manual clock: when a
/// term begins, when it ends, what the instance reports about itself and the leader it sees.
/// </summary>
public sealed class LeaderElectorTermTests : IDisposable
{
    private const int LostEvent = 602;
    private const int ReleasedEvent = 603;
    private const int ObservedLeaderEvent = 604;
    private const int StoreFailedEvent = 605;
    private const int SteppingDownEvent = 609;
    private const int RenewedEvent = 608;

    private static readonly LeaderElectionOptions Defaults = new();
    private static readonly TimeSpan Retry = Defaults.RetryPeriod;
    private static readonly TimeSpan RenewDeadline = Defaults.RenewDeadline;

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly InMemoryLeaseStore _leases = new();
    private readonly ScriptedLeaseStore _store;
    private readonly RecordingLogger<LeaderElector> _log = new();

    public LeaderElectorTermTests() => _store = new ScriptedLeaseStore(_leases);

    public void Dispose() => _leases.Dispose();

    [Fact]
    public async Task A_standby_only_reads_a_lease_another_holds_and_takes_it_at_the_instant_it_expires()
    {
        var held = await HeldBy("b");
        var a = Elector();

        for (var round = 0; round < 3; round++)
        {
            await a.RunOnceAsync(default);
            _time.Advance(Retry);
        }

        Assert.Equal(0, _store.Acquisitions);
        var snapshot = a.Snapshot();
        Assert.Equal((LeadershipRole.Standby, false, "b"), (snapshot.Role, snapshot.IsLeader, snapshot.Holder));

        _time.SetUtcNow(held.ExpiresAt);
        await a.RunOnceAsync(default);

        Assert.Equal(2, a.FencingToken);
    }

    [Fact]
    public async Task A_candidate_that_loses_the_race_for_a_free_lease_stands_by()
    {
        _store.LoseRace = true;
        var a = Elector();

        await a.RunOnceAsync(default);

        Assert.False(a.IsLeader);
        Assert.Null(a.FencingToken);
        Assert.False(a.WaitForLeadershipAsync(default).IsCompleted);
        Assert.Equal(LeadershipRole.Standby, a.Snapshot().Role);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task A_lease_granted_at_or_after_the_renew_deadline_is_not_acted_on_and_the_next_round_takes_it_with_a_new_token(int millisecondsLate)
    {
        var a = Elector();
        _store.BeforeAcquire = () => _time.Advance(RenewDeadline + TimeSpan.FromMilliseconds(millisecondsLate));

        await a.RunOnceAsync(default);

        Assert.False(a.IsLeader);
        Assert.False(a.WaitForLeadershipAsync(default).IsCompleted);
        Assert.Equal("a", (await _leases.ReadAsync("operator", default))!.Holder);

        _store.BeforeAcquire = null;
        await a.RunOnceAsync(default);

        var term = await a.WaitForLeadershipAsync(default);
        Assert.Equal(2, term.FencingToken);
        Assert.False(term.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task A_leader_whose_renewal_is_refused_stops_at_once_says_so_once_and_waits_for_a_new_term()
    {
        var a = Elector();
        await a.RunOnceAsync(default);
        var term = await a.WaitForLeadershipAsync(default);
        await _leases.ReleaseAsync((await _leases.ReadAsync("operator", default))!, default);
        var other = await HeldBy("b");

        _time.Advance(Retry);
        await a.RunOnceAsync(default);

        Assert.True(term.Lost.IsCancellationRequested);
        Assert.False(a.IsLeader);
        Assert.Equal(1, _log.Count(LostEvent));
        var next = a.WaitForLeadershipAsync(default);
        Assert.False(next.IsCompleted);

        _time.SetUtcNow(other.ExpiresAt);
        await a.RunOnceAsync(default);

        Assert.Equal(3, (await next).FencingToken);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task A_renewal_answered_at_or_after_the_renew_deadline_ends_the_term_at_once(int millisecondsLate)
    {
        // Paused: the deadline's timer cannot end the term first, only the renewal's own check can.
        var clock = new PausableTimeProvider(_time);
        var a = Elector(clock);
        await a.RunOnceAsync(default);
        var term = await a.WaitForLeadershipAsync(default);
        _time.Advance(Retry);
        _store.BeforeRenew = () =>
        {
            clock.Pause();
            _time.Advance(RenewDeadline + TimeSpan.FromMilliseconds(millisecondsLate));
        };

        var renewedBefore = _log.Count(RenewedEvent);

        await a.RunOnceAsync(default);

        Assert.True(term.Lost.IsCancellationRequested);
        Assert.False(a.IsLeader);
        Assert.Equal(renewedBefore, _log.Count(RenewedEvent));
    }

    [Fact]
    public async Task A_paused_leader_is_refused_from_the_instant_its_renew_deadline_passes()
    {
        var clock = new PausableTimeProvider(_time);
        var a = Elector(clock);
        await a.RunOnceAsync(default);
        var term = await a.WaitForLeadershipAsync(default);
        clock.Pause();

        _time.Advance(RenewDeadline - TimeSpan.FromTicks(1));
        a.EnsureCurrent(term.FencingToken);
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.Throws<LeadershipLostException>(() => a.EnsureCurrent(term.FencingToken));
        Assert.False(a.IsLeader);
    }

    [Fact]
    public async Task The_leaders_snapshot_shows_its_term_itself_as_holder_and_its_last_renewal()
    {
        var a = Elector();
        await a.RunOnceAsync(default);
        var acquiredAt = _time.GetUtcNow();
        Assert.Equal(new LeadershipSnapshot("a", LeadershipRole.Leader, true, 1, "a", acquiredAt, acquiredAt), a.Snapshot());

        for (var round = 0; round < 3; round++)
        {
            _time.Advance(Retry);
            await a.RunOnceAsync(default);
        }

        var now = _time.GetUtcNow();
        Assert.Equal(new LeadershipSnapshot("a", LeadershipRole.Leader, true, 1, "a", now, now), a.Snapshot());
        Assert.Equal(0, _log.Count(ObservedLeaderEvent));
    }

    [Fact]
    public async Task A_standby_reports_each_leadership_term_it_sees_once()
    {
        var a = Elector();
        var first = await HeldBy("b");
        await RoundsAsync(a, 3);

        _time.SetUtcNow(first.ExpiresAt);
        var second = await HeldBy("b");
        await RoundsAsync(a, 3);

        _time.SetUtcNow(second.ExpiresAt);
        await HeldBy("c");
        await RoundsAsync(a, 3);

        Assert.Equal(3, _log.Count(ObservedLeaderEvent));
    }

    [Fact]
    public async Task A_store_call_that_times_out_by_itself_is_a_failed_round_and_the_next_round_goes_on()
    {
        var a = Elector();
        _store.BeforeRead = () => throw new TaskCanceledException("the request to the lease store timed out");

        await a.RunOnceAsync(default);

        Assert.False(a.IsLeader);
        Assert.Equal(1, _log.Count(StoreFailedEvent));

        _store.BeforeRead = null;
        await a.RunOnceAsync(default);

        Assert.True(a.IsLeader);
    }

    [Fact]
    public async Task Stopping_while_the_store_fails_ends_the_election_loop_cleanly()
    {
        var a = Elector();
        using var stopping = new CancellationTokenSource();
        _store.BeforeRead = () =>
        {
            stopping.Cancel();
            throw new AwsApiException("DynamoDB", "GetItem", AwsErrorKind.ServiceUnavailable, "ServiceUnavailable", "the store is down");
        };

        await ElectionGroup.Unsynchronized(() => a.RunAsync(stopping.Token));

        Assert.Equal(LeadershipRole.Stopped, a.Snapshot().Role);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_graceful_stop_steps_down_without_a_lost_leadership_warning_and_reports_a_release_only_when_the_store_made_it(bool released)
    {
        var a = Elector();
        using var stopping = new CancellationTokenSource();
        var running = ElectionGroup.Unsynchronized(() => a.RunAsync(stopping.Token));
        var term = await a.WaitForLeadershipAsync(default);
        _store.RefuseRelease = !released;

        ElectionGroup.Unsynchronized(() =>
        {
            stopping.Cancel();
            return true;
        });
        await running;

        Assert.True(term.Lost.IsCancellationRequested);
        Assert.Equal((1, 0), (_log.Count(SteppingDownEvent), _log.Count(LostEvent)));
        Assert.Equal(released ? 1 : 0, _log.Count(ReleasedEvent));
        Assert.Equal(released, (await _leases.ReadAsync("operator", default))!.IsReleased);
        Assert.Equal(LeadershipRole.Stopped, a.Snapshot().Role);
    }

    [Fact]
    public void Without_election_the_one_instance_always_leads_with_token_zero_on_the_registered_clock()
    {
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(_time).TryAddSingleInstanceLeadership().BuildServiceProvider();

        var leadership = provider.GetRequiredService<ILeadership>();
        _time.Advance(TimeSpan.FromMinutes(1));
        var snapshot = leadership.Snapshot();

        Assert.Equal(
            (LeadershipRole.Unelected, true, 0L, Environment.MachineName, _time.GetUtcNow()),
            (snapshot.Role, snapshot.IsLeader, snapshot.FencingToken, snapshot.Holder, snapshot.LastLoopRun));
        Assert.Same(leadership, provider.GetRequiredService<IFencingTokenSource>());
    }

    private LeaderElector Elector(TimeProvider? clock = null) =>
        new(_store, Options.Create(new LeaderElectionOptions { Identity = "a", LeaseName = "operator" }), clock ?? _time, _log);

    /// <summary>Another instance takes the lease now, as its own elector would.</summary>
    private async Task<LeaseRecord> HeldBy(string holder)
    {
        var current = await _leases.ReadAsync("operator", default);
        return (await _leases.TryAcquireAsync(new LeaseAcquisition("operator", holder, _time.GetUtcNow(), Defaults.LeaseDuration, current), default))!;
    }

    private async Task RoundsAsync(LeaderElector elector, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            await elector.RunOnceAsync(default);
            _time.Advance(Retry);
        }
    }

    /// <summary>The in-memory store, with hooks run before an answer (a slow or failing call) and a lost race or release.</summary>
    private sealed class ScriptedLeaseStore(InMemoryLeaseStore inner) : ILeaseStore
    {
        public Action? BeforeRead { get; set; }

        public Action? BeforeAcquire { get; set; }

        public Action? BeforeRenew { get; set; }

        /// <summary>Another candidate's conditional write lands first: this one's is refused.</summary>
        public bool LoseRace { get; set; }

        /// <summary>The lease changed since this instance last renewed it: releasing it is refused.</summary>
        public bool RefuseRelease { get; set; }

        public int Acquisitions { get; private set; }

        public Task<LeaseRecord?> ReadAsync(string leaseName, CancellationToken cancellationToken)
        {
            BeforeRead?.Invoke();
            return inner.ReadAsync(leaseName, cancellationToken);
        }

        public Task<LeaseRecord?> TryAcquireAsync(LeaseAcquisition acquisition, CancellationToken cancellationToken)
        {
            Acquisitions++;
            BeforeAcquire?.Invoke();
            return LoseRace ? Task.FromResult<LeaseRecord?>(null) : inner.TryAcquireAsync(acquisition, cancellationToken);
        }

        public Task<LeaseRecord?> TryRenewAsync(LeaseRecord held, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
        {
            BeforeRenew?.Invoke();
            return inner.TryRenewAsync(held, now, duration, cancellationToken);
        }

        public Task<bool> ReleaseAsync(LeaseRecord held, CancellationToken cancellationToken) =>
            RefuseRelease ? Task.FromResult(false) : inner.ReleaseAsync(held, cancellationToken);
    }
}
