using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Tests.Leadership;

/// <summary>Several operator instances competing for one lease on a manual clock.</summary>
public sealed class LeaderElectorTests
{
    private static readonly TimeSpan Retry = ElectionGroup.Defaults.RetryPeriod;
    private static readonly TimeSpan RenewDeadline = ElectionGroup.Defaults.RenewDeadline;
    private static readonly TimeSpan LeaseDuration = ElectionGroup.Defaults.LeaseDuration;

    [Fact]
    public async Task The_first_instance_leads_the_others_stand_by_and_renewals_keep_the_token()
    {
        var group = new ElectionGroup("a", "b", "c");
        foreach (var member in group.Members)
        {
            member.Start();
        }

        group.Advance(TimeSpan.FromMinutes(2));

        var leader = Assert.Single(group.Leaders);
        Assert.Equal("a", leader.Name);
        Assert.Equal(1, leader.Elector.FencingToken);
        var lease = (await group.Store.ReadAsync("operator", default))!;
        Assert.Equal("a", lease.Holder);
        Assert.Equal(group.Time.GetUtcNow() + LeaseDuration, lease.ExpiresAt, TimeSpan.FromSeconds(2));
        Assert.All(group.Members.Skip(1), m =>
        {
            var snapshot = m.Elector.Snapshot();
            Assert.Equal(LeadershipRole.Standby, snapshot.Role);
            Assert.Null(snapshot.FencingToken);
            Assert.Equal("a", snapshot.Holder);
        });
    }

    [Fact]
    public async Task A_graceful_shutdown_releases_the_lease_and_a_standby_takes_over_within_one_retry_period()
    {
        var group = new ElectionGroup("a", "b");
        group["a"].Start();
        group["b"].Start();
        group.Advance(TimeSpan.FromSeconds(7));
        var term = await group["a"].Elector.WaitForLeadershipAsync(default);

        var stoppedAt = group.Time.GetUtcNow();
        await group["a"].StopAsync();

        Assert.True(term.Lost.IsCancellationRequested);
        Assert.True((await group.Store.ReadAsync("operator", default))!.IsReleased);
        DateTimeOffset? tookOverAt = null;
        while (tookOverAt is null && group.Time.GetUtcNow() < stoppedAt + LeaseDuration)
        {
            group.Advance(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
            tookOverAt = group["b"].Elector.IsLeader ? group.Time.GetUtcNow() : null;
        }

        Assert.NotNull(tookOverAt);
        Assert.True(tookOverAt - stoppedAt <= Retry, $"took over after {tookOverAt - stoppedAt}");
        Assert.Equal(2, group["b"].Elector.FencingToken);
        group.AssertNoTwoLeaders();
    }

    [Fact]
    public async Task When_renewals_fail_the_leader_stops_all_work_at_the_renew_deadline_before_the_lease_expires()
    {
        var group = new ElectionGroup("a", "b");
        group["a"].Start();
        group["b"].Start();
        group.Advance(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1));
        var term = await group["a"].Elector.WaitForLeadershipAsync(default);
        DateTimeOffset? stoppedAt = null;
        term.Lost.Register(() => stoppedAt = group.Time.GetUtcNow());
        var lastRenewed = (await group.Store.ReadAsync("operator", default))!;

        group.Store.Outage = new AwsApiException("DynamoDB", "UpdateItem", AwsErrorKind.ServiceUnavailable, "ServiceUnavailable", "the store is down");
        group.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(lastRenewed.RenewedAt + RenewDeadline, stoppedAt);
        Assert.True(stoppedAt < lastRenewed.ExpiresAt);
        Assert.False(group["a"].Elector.IsLeader);
        Assert.Throws<LeadershipLostException>(() => group["a"].Elector.EnsureCurrent(term.FencingToken));
        Assert.Empty(group.Leaders);

        group.Store.Outage = null;
        group.Advance(Retry);
        var leader = Assert.Single(group.Leaders);
        Assert.Equal(2, leader.Elector.FencingToken);
        group.AssertNoTwoLeaders();
    }

    [Fact]
    public async Task A_paused_leader_is_fenced_when_it_resumes_after_another_took_over()
    {
        var group = new ElectionGroup("a", "b");
        group["a"].Start();
        group["b"].Start();
        group.Advance(TimeSpan.FromSeconds(5));
        var a = group["a"];
        var aTerm = await a.Elector.WaitForLeadershipAsync(default);
        Assert.True(group.TryWrite(a, aTerm.FencingToken));
        var lastRenewed = (await group.Store.ReadAsync("operator", default))!;

        // A stops the world mid-reconcile: its timers, renewal included, do not run; the others' clocks go on.
        a.Clock.Pause();
        for (var i = 0; i < 120; i++)
        {
            group.Advance(TimeSpan.FromMilliseconds(250));
            group.LeadersWrite();
        }

        var b = group["b"];
        Assert.True(b.Elector.IsLeader);
        Assert.Equal(2, b.Elector.FencingToken);
        var bFirstWrite = group.Accepted.First(w => w.Instance == "b");
        Assert.True(bFirstWrite.At >= lastRenewed.ExpiresAt, $"b acted at {bFirstWrite.At:O}, before a's lease expired at {lastRenewed.ExpiresAt:O}");

        // A's in-flight reconcile continues before any of its timers had a chance to run: its late call is refused.
        Assert.False(aTerm.Lost.IsCancellationRequested);
        Assert.False(group.TryWrite(a, aTerm.FencingToken));
        Assert.Equal(new FencedWrite("a", 1, group.Time.GetUtcNow()), group.Refused.Single());

        ElectionGroup.Unsynchronized(() =>
        {
            a.Clock.Resume();
            return true;
        });
        Assert.True(aTerm.Lost.IsCancellationRequested);
        group.Advance(TimeSpan.FromSeconds(10));
        group.LeadersWrite();
        Assert.Equal(LeadershipRole.Standby, a.Elector.Snapshot().Role);
        Assert.Equal("b", a.Elector.Snapshot().Holder);
        Assert.Equal("b", Assert.Single(group.Leaders).Name);
        group.AssertNoTwoLeaders();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Under_random_pauses_outages_and_restarts_no_two_instances_ever_act_as_leader(int seed)
    {
        var random = new Random(seed);
        var group = new ElectionGroup("a", "b", "c");
        foreach (var member in group.Members)
        {
            member.Start();
        }

        // A member paused while leading keeps the token it was working with, and tries to use it once it resumes.
        var heldAtPause = new Dictionary<string, long>();
        for (var step = 0; step < 2400; step++)
        {
            group.Advance(TimeSpan.FromMilliseconds(250));
            group.LeadersWrite();
            var member = group.Members[random.Next(group.Members.Count)];
            switch (random.Next(100))
            {
                case < 2 when !member.Clock.IsPaused:
                    if (member.Elector.FencingToken is { } token)
                    {
                        heldAtPause[member.Name] = token;
                    }

                    member.Clock.Pause();
                    break;
                case < 6 when member.Clock.IsPaused:
                    if (heldAtPause.Remove(member.Name, out var stale))
                    {
                        group.TryWrite(member, stale);
                    }

                    ElectionGroup.Unsynchronized(() =>
                    {
                        member.Clock.Resume();
                        return true;
                    });
                    break;
                case < 7:
                    group.Store.Outage = group.Store.Outage is null ? new TimeoutException("the lease store does not answer") : null;
                    break;
                case < 8 when member.IsRunning && !member.Clock.IsPaused:
                    await member.StopAsync();
                    break;
                case < 10 when !member.IsRunning:
                    member.Start();
                    break;
            }
        }

        group.AssertNoTwoLeaders();
        var terms = group.Accepted.Select(w => w.Token).Distinct().Count();
        Assert.True(terms >= 4, $"only {terms} leadership terms in the run: the scenario exercised too little");
        Assert.NotEmpty(group.Refused);
    }
}
