using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>A cluster's deletion is told once: when its status first shows it deleted.</summary>
public sealed class DeletedClusterAnnouncementTests
{
    private static readonly DateTimeOffset Now = OperatorHarness.Start;

    private static ClusterStatus Status(string readyReason) => new(
        "orders",
        4,
        null,
        [new Condition(ConditionTypes.Ready, ConditionStatus.False, readyReason, "", Now)],
        [],
        Now,
        null);

    private static IEnumerable<string> Types(ClusterStatus? previous, ClusterStatus current) =>
        NotificationDetector.Detect(previous, current, Now).Select(e => e.Type);

    [Fact]
    public void A_cluster_deleted_before_any_status_was_stored_is_announced_deleted()
    {
        Assert.Equal([NotificationTypes.Deleted], Types(null, Status("Deleted")));
    }

    [Fact]
    public void A_cluster_deleted_since_the_last_status_is_announced_deleted()
    {
        Assert.Equal([NotificationTypes.Deleted], Types(Status("Progressing"), Status("Deleted")));
    }

    [Fact]
    public void A_cluster_already_deleted_in_the_last_status_is_not_announced_again()
    {
        Assert.Empty(Types(Status("Deleted"), Status("Deleted")));
    }
}
