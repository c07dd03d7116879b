using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>Which facts a status change tells subscribers about.</summary>
public sealed class NotificationDetectorTests
{
    private static readonly DateTimeOffset Now = OperatorHarness.Start;

    private static ClusterStatus Status(long generation, bool ready, TopologyChangeStatus? change = null) => new(
        "orders",
        generation,
        null,
        [new Condition(ConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False, ready ? "Ready" : "Progressing", "", Now)],
        [new NodeStatus(0, "orders-0", null, null, null, "arn:task/0", null, null, null, ready, Address: "10.0.0.1")],
        Now,
        change);

    private static TopologyChangeStatus Change(long id, string status) => new(id, "add brokers 3", status, 1, 0, 1);

    private static IEnumerable<string> Types(ClusterStatus? previous, ClusterStatus current) =>
        NotificationDetector.Detect(previous, current, Now).Select(e => e.Type);

    [Fact]
    public void A_cluster_that_stays_ready_in_the_same_generation_is_not_announced_again()
    {
        Assert.Empty(Types(Status(3, ready: true), Status(3, ready: true)));
    }

    [Fact]
    public void A_cluster_ready_again_in_a_new_generation_is_announced()
    {
        Assert.Equal([NotificationTypes.Ready], Types(Status(2, ready: true), Status(3, ready: true)));
    }

    [Fact]
    public void A_topology_change_that_completes_after_being_seen_running_is_announced()
    {
        var previous = Status(1, ready: false, Change(7, "IN_PROGRESS"));
        var current = Status(1, ready: false, Change(7, "COMPLETED"));

        Assert.Equal([NotificationTypes.TopologyChanged], Types(previous, current));
    }

    [Fact]
    public void A_topology_change_completed_since_a_status_without_one_is_announced_but_not_again()
    {
        var current = Status(1, ready: false, Change(7, "COMPLETED"));

        Assert.Equal([NotificationTypes.TopologyChanged], Types(Status(1, ready: false), current));
        Assert.Empty(Types(current, current));
    }

    [Fact]
    public void A_missing_current_status_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => NotificationDetector.Detect(null, null!, Now));
    }
}
