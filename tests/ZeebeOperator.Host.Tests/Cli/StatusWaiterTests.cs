using ZeebeOperator.Core.Status;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Cli;

/// <summary>When <c>--wait</c> stops: only on the generation it waits for, Ready or torn down, or Degraded.</summary>
public sealed class StatusWaiterTests
{
    private static readonly WaitTarget Generation3 = new("orders", 3, WaitGoal.Ready);

    [Fact]
    public void A_Ready_status_of_an_older_generation_is_not_done()
    {
        var status = Specs.Status("orders", ready: true) with { ObservedGeneration = 2 };

        var (result, message) = StatusWaiter.Assess(Generation3, status);

        Assert.Null(result);
        Assert.Equal("waiting for the operator to pick up generation 3 (it last acted on 2)", message);
    }

    [Fact]
    public void Ready_at_the_generation_is_done_and_Degraded_stops_the_wait()
    {
        var ready = Specs.Status("orders", ready: true);
        var degraded = ready with
        {
            Conditions = [.. ready.Conditions.Where(c => c.Type != ConditionTypes.Degraded),
                new Condition(ConditionTypes.Degraded, ConditionStatus.True, "TransitionRefused", "replicationFactor cannot change", DateTimeOffset.UnixEpoch)],
        };

        Assert.Equal(WaitResult.Done, StatusWaiter.Assess(Generation3, ready).Result);
        var (result, message) = StatusWaiter.Assess(Generation3, degraded);
        Assert.Equal(WaitResult.Degraded, result);
        Assert.Equal("generation 3: Degraded (TransitionRefused): replicationFactor cannot change", message);
    }

    [Fact]
    public void Ready_while_a_rolling_restart_still_progresses_is_not_done()
    {
        var ready = Specs.Status("orders", ready: true);
        var rolling = ready with
        {
            Conditions = [.. ready.Conditions.Where(c => c.Type != ConditionTypes.Progressing),
                new Condition(ConditionTypes.Progressing, ConditionStatus.True, "RollingUpdate", "node 0: image 8.8.3 -> 8.8.9 — waiting for node 1 to run", DateTimeOffset.UnixEpoch)],
        };

        Assert.Equal((null, "generation 3: AllNodesReady: node 0: image 8.8.3 -> 8.8.9 — waiting for node 1 to run"), StatusWaiter.Assess(Generation3, rolling));
    }

    [Fact]
    public void A_deletion_is_done_only_when_the_status_says_Deleted()
    {
        var deleting = Specs.Status("orders", ready: false) with
        {
            Conditions =
            [
                new Condition(ConditionTypes.Ready, ConditionStatus.False, "Deleting", "deletion in progress", DateTimeOffset.UnixEpoch),
                new Condition(ConditionTypes.Progressing, ConditionStatus.True, "Deleting", "2 node(s) left to remove", DateTimeOffset.UnixEpoch),
            ],
        };
        var deleted = deleting with
        {
            Conditions =
            [
                new Condition(ConditionTypes.Ready, ConditionStatus.False, "Deleted", "the cluster's services are deleted", DateTimeOffset.UnixEpoch),
                new Condition(ConditionTypes.Progressing, ConditionStatus.False, "Deleted", "deleted; access points are retained", DateTimeOffset.UnixEpoch),
            ],
        };
        var target = Generation3 with { Goal = WaitGoal.Deleted };

        Assert.Equal((null, "generation 3: Deleting: 2 node(s) left to remove"), StatusWaiter.Assess(target, deleting));
        Assert.Equal(WaitResult.Done, StatusWaiter.Assess(target, deleted).Result);
    }
}
