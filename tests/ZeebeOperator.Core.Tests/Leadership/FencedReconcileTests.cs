using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Leadership;

/// <summary>The reconciler's mutating calls under leader election, on the simulated AWS.</summary>
public sealed class FencedReconcileTests : IDisposable
{
    private static readonly string[] AwsServices = ["ecs", "servicediscovery", "elasticfilesystem"];

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly InMemoryLeaseStore _leases;
    private readonly PausableTimeProvider _operatorClock;
    private readonly LeaderElector _elector;
    private readonly OperatorHarness _operator;

    public FencedReconcileTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions());
        _leases = _aws.Leases;
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operatorClock = new PausableTimeProvider(_time);
        _elector = new LeaderElector(
            _leases, Options.Create(new LeaderElectionOptions { Identity = "operator-1" }), _operatorClock, NullLogger<LeaderElector>.Instance);
        _operator = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2), fencing: _elector);
    }

    public void Dispose() => _operator.Dispose();

    [Fact]
    public async Task Every_audit_record_carries_the_leaders_fencing_token()
    {
        await _leases.TryAcquireAsync(new LeaseAcquisition("zeebe-operator", "someone-before", _time.GetUtcNow(), TimeSpan.FromSeconds(15), null), default);
        _time.Advance(TimeSpan.FromSeconds(20));
        await _elector.RunOnceAsync(default);
        Assert.Equal(2, _elector.FencingToken);
        _operator.Commit(TestSpecs.Orders(clusterSize: 3));

        await _operator.ReconcileAsync();

        Assert.NotEmpty(_aws.Audit.All);
        Assert.All(_aws.Audit.All, record => Assert.Equal(2, record.FencingToken));
    }

    [Fact]
    public async Task An_instance_past_its_renew_deadline_makes_no_mutating_call_and_writes_no_intent()
    {
        await _elector.RunOnceAsync(default);
        Assert.True(_elector.IsLeader);
        _operator.Commit(TestSpecs.Orders(clusterSize: 3));

        // A pause: the elector's timers (renewal, deadline) do not run, but the clock moves past the renew deadline.
        var mark = _aws.Calls.Mark();
        _operatorClock.Pause();
        _time.Advance(TimeSpan.FromSeconds(11));

        await Assert.ThrowsAsync<LeadershipLostException>(() => _operator.ReconcileAsync());
        Assert.DoesNotContain(_aws.Calls.Since(mark), c => c.Mutating && AwsServices.Contains(c.Service));
        Assert.DoesNotContain(_aws.Audit.All, r => r.Phase == AuditPhase.Intent);
    }

    [Fact]
    public async Task An_instance_past_its_renew_deadline_writes_no_status_though_its_lease_has_not_expired_yet()
    {
        await _elector.RunOnceAsync(default);
        _operator.CommitRaw("orders", "{ not a spec");

        // Only a status write is due (the spec is unreadable); the lease itself runs until 15 s, the renew deadline is 10 s.
        _operatorClock.Pause();
        _time.Advance(TimeSpan.FromSeconds(11));

        await Assert.ThrowsAsync<LeadershipLostException>(() => _operator.ReconcileAsync());
        Assert.Null(await _aws.Status.GetAsync("orders", default));
    }

    [Fact]
    public async Task A_throttled_mutating_call_is_not_retried_once_the_term_is_over()
    {
        var aws = new SimulatedAws(_time, new SimulationOptions());
        aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        var fencing = new TermEndingAfterChecks(checksAllowed: 2);
        using var harness = new OperatorHarness(aws, _time, ZeebeStub.Members(0, 1, 2), fencing: fencing);
        harness.Commit(TestSpecs.Orders(clusterSize: 1));

        // The first mutation's intent passes both checks, its call is throttled, and the term ends during the backoff.
        aws.Faults.FailNext("elasticfilesystem:CreateAccessPoint", Core.Ports.AwsErrorKind.Throttled);
        var mark = aws.Calls.Mark();

        await Assert.ThrowsAsync<LeadershipLostException>(() => harness.ReconcileAsync());

        var mutations = aws.Calls.Since(mark).Where(c => c.Mutating && AwsServices.Contains(c.Service)).ToList();
        Assert.Single(mutations);
        Assert.Empty(aws.Efs.AllAccessPoints());
    }

    [Fact]
    public async Task A_leader_deposed_between_its_last_check_and_the_status_write_does_not_overwrite_the_status()
    {
        var aClock = new PausableTimeProvider(_time);
        var bClock = new PausableTimeProvider(_time);
        var a = new LeaderElector(_leases, Options.Create(new LeaderElectionOptions { Identity = "operator-a" }), aClock, NullLogger<LeaderElector>.Instance);
        var b = new LeaderElector(_leases, Options.Create(new LeaderElectionOptions { Identity = "operator-b" }), bClock, NullLogger<LeaderElector>.Instance);
        await a.RunOnceAsync(default);
        await b.RunOnceAsync(default);
        Assert.Equal(1, a.FencingToken);

        // a passes every local check, then pauses right before its status write; meanwhile the lease expires and b takes over.
        var deposeA = new PauseBeforeStatusWrite(_aws.Status, async () =>
        {
            aClock.Pause();
            _time.Advance(TimeSpan.FromSeconds(20));
            await b.RunOnceAsync(default);
        });
        using var operatorA = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2), fencing: a,
            configure: services => services.AddSingleton<Core.Ports.IClusterStatusStore>(deposeA));
        operatorA.Commit(TestSpecs.Orders(clusterSize: 3));

        await Assert.ThrowsAsync<LeadershipLostException>(() => operatorA.ReconcileAsync());

        Assert.Equal(2, b.FencingToken);
        Assert.Equal(1, deposeA.Attempts);
        Assert.Null(await _aws.Status.GetAsync("orders", default));

        // The new leader's own status write goes through.
        using var operatorB = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2), fencing: b);
        await operatorB.ReconcileAsync();
        Assert.Equal(1, (await _aws.Status.GetAsync("orders", default))!.ObservedGeneration);
    }

    [Fact]
    public async Task Status_is_a_lease_checked_transaction_under_election_and_a_plain_conditional_put_without()
    {
        await _elector.RunOnceAsync(default);
        _operator.Commit(TestSpecs.Orders(clusterSize: 1));
        var elected = _aws.Calls.Mark();
        await _operator.ReconcileAsync();
        Assert.Contains(_aws.Calls.Since(elected), c => c.Action == "dynamodb:TransactWriteItems");

        var aws = new SimulatedAws(_time, new SimulationOptions());
        aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        using var single = new OperatorHarness(aws, _time, ZeebeStub.Members(0));
        single.Commit(TestSpecs.Orders(clusterSize: 1));
        await single.ReconcileAsync();
        Assert.DoesNotContain(aws.Calls.Snapshot(), c => c.Action == "dynamodb:TransactWriteItems");
        Assert.Equal(1, aws.Status.AcceptedWrites);
    }

    /// <summary>A status store whose writer is paused (and deposed) right before each write reaches the store.</summary>
    private sealed class PauseBeforeStatusWrite(Core.Ports.IClusterStatusStore inner, Func<Task> pause) : Core.Ports.IClusterStatusStore
    {
        public int Attempts { get; private set; }

        public Task<Core.Status.ClusterStatus?> GetAsync(string clusterName, CancellationToken cancellationToken) => inner.GetAsync(clusterName, cancellationToken);

        public Task<IReadOnlyList<Core.Status.ClusterStatus>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public async Task<Core.Ports.StatusWriteResult> PutAsync(Core.Status.ClusterStatus status, LeaseFence? fence, CancellationToken cancellationToken)
        {
            Attempts++;
            await pause();
            return await inner.PutAsync(status, fence, cancellationToken);
        }
    }

    /// <summary>A term that ends after a number of fencing checks, as if the lease was lost in between.</summary>
    private sealed class TermEndingAfterChecks(int checksAllowed) : Core.Ports.IFencingTokenSource
    {
        private int _checks;

        public long CurrentToken => 7;

        public LeaseFence? FenceFor(long token) => null;

        public void EnsureCurrent(long token)
        {
            if (++_checks > checksAllowed)
            {
                throw new LeadershipLostException(token, "lost during the test");
            }
        }
    }
}
