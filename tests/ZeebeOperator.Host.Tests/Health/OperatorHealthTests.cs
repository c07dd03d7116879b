using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Host.Health;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Health;

public sealed class OperatorHealthTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryLeaseStore _leases = new();
    private readonly CancellationTokenSource _started = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly LeaderElector _leader;
    private readonly LeaderElector _standby;

    public OperatorHealthTests()
    {
        _leader = Elector("leader");
        _standby = Elector("standby");
    }

    public void Dispose()
    {
        _started.Dispose();
        _stopping.Dispose();
    }

    [Fact]
    public async Task Not_ready_until_started_then_ready_as_leader_and_as_a_standby_that_reaches_the_store()
    {
        await _leader.RunOnceAsync(default);
        await _standby.RunOnceAsync(default);
        Assert.Equal("starting", Health(_leader).Readiness().Reason);
        Assert.False(Health(_leader).Readiness().Healthy);

        _started.Cancel();
        var leader = Health(_leader).Readiness();
        Assert.True(leader.Healthy);
        Assert.True(leader.Leader);
        Assert.Equal(1, leader.FencingToken);
        var standby = Health(_standby).Readiness();
        Assert.True(standby.Healthy);
        Assert.False(standby.Leader);
        Assert.Equal("leader", standby.LeaseHolder);
        Assert.Equal("standby; leader leads", standby.Reason);

        _stopping.Cancel();
        Assert.Equal("stopping", Health(_leader).Readiness().Reason);
    }

    [Fact]
    public async Task A_standby_that_cannot_reach_the_lease_store_is_not_ready_but_alive()
    {
        await _leader.RunOnceAsync(default);
        await _standby.RunOnceAsync(default);
        _started.Cancel();

        _leases.Outage = new TimeoutException("the lease store does not answer");
        for (var i = 0; i < 8; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            await _standby.RunOnceAsync(default);
        }

        var readiness = Health(_standby).Readiness();
        Assert.False(readiness.Healthy);
        Assert.Contains("lease store has not answered", readiness.Reason, StringComparison.Ordinal);
        Assert.True(Health(_standby).Liveness().Healthy);
    }

    [Fact]
    public async Task An_election_loop_that_stopped_running_is_not_alive()
    {
        await _standby.RunOnceAsync(default);
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.True(Health(_standby).Liveness().Healthy);

        _time.Advance(TimeSpan.FromSeconds(1));
        var liveness = Health(_standby).Liveness();
        Assert.False(liveness.Healthy);
        Assert.Equal("the leader election loop has not run for 16 s (limit 15 s)", liveness.Reason);
    }

    private LeaderElector Elector(string identity) =>
        new(_leases, Options.Create(new LeaderElectionOptions { Identity = identity }), _time, NullLogger<LeaderElector>.Instance);

    private OperatorHealth Health(ILeadership leadership)
    {
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.SetupGet(l => l.ApplicationStarted).Returns(_started.Token);
        lifetime.SetupGet(l => l.ApplicationStopping).Returns(_stopping.Token);
        return new OperatorHealth(leadership, lifetime.Object, Options.Create(new LeaderElectionOptions()), _time);
    }
}
