using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;
using static ZeebeOperator.Core.Tests.Support.StatusPass;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>The membership change record (<c>status.topologyChange</c>) as Zeebe's topology moves on.</summary>
public sealed class TopologyChangeStatusTests
{
    private static readonly DesiredCluster Orders = Render(TestSpecs.Orders(clusterSize: 4));

    /// <summary>The operator asked for change #4 (adding broker 3): two of its five operations were done when last seen.</summary>
    private static readonly TopologyChangeStatus Recorded = new(4, "add brokers 3", "IN_PROGRESS", 2, 3, 1, Now.AddMinutes(-2), "0,1,2,3");

    private static ClusterStatus PreviousWith(TopologyChangeStatus? change) =>
        new("orders", 1, "etag-1", [], [], Now.AddMinutes(-1), change);

    private static ClusterStatus Pass(ClusterTopology topology, TopologyChangeStatus? recorded, ExecutionResult? execution = null)
    {
        var previous = PreviousWith(recorded);
        var observed = ObservedStates.Converged(Orders).WithTopology(topology);
        return StatusAfter(Inspect(Orders, observed, previous), execution, previous);
    }

    private static TopologyChange Change(long id, ChangeStatus status) => new(id, status, null, null, 0, []);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_change_running_that_the_status_does_not_know_is_adopted_from_this_pass(bool anEarlierChangeIsRecorded)
    {
        var pending = new TopologyChange(9, ChangeStatus.InProgress, null, null, 1, ["broker 3 join partition 2"]);
        var recorded = anEarlierChangeIsRecorded ? Recorded with { Status = "COMPLETED", CompletedOperations = 5, PendingOperations = 0 } : null;

        var change = Pass(ObservedStates.Topology([0, 1, 2, 3], pending: pending), recorded).TopologyChange!;

        Assert.Equal((9L, "IN_PROGRESS", 1, 1, (DateTimeOffset?)Now), (change.Id, change.Status, change.CompletedOperations, change.PendingOperations, change.RunningSince));
    }

    [Fact]
    public void The_recorded_change_Zeebe_reports_completed_counts_every_operation_done()
    {
        var change = Pass(ObservedStates.Topology([0, 1, 2, 3], last: Change(4, ChangeStatus.Completed)), Recorded).TopologyChange!;

        Assert.Equal((4L, "COMPLETED", 5, 0), (change.Id, change.Status, change.CompletedOperations, change.PendingOperations));
    }

    [Theory]
    [InlineData(ChangeStatus.Failed, "FAILED")]
    [InlineData(ChangeStatus.Cancelled, "CANCELLED")]
    public void The_recorded_change_Zeebe_reports_failed_or_cancelled_keeps_the_operations_it_got_through(ChangeStatus outcome, string name)
    {
        var change = Pass(ObservedStates.Topology([0, 1, 2], last: Change(4, outcome)), Recorded).TopologyChange!;

        Assert.Equal((4L, name, 2, 3), (change.Id, change.Status, change.CompletedOperations, change.PendingOperations));
    }

    [Fact]
    public void A_recorded_change_overtaken_by_later_ones_completed_when_the_members_are_what_it_led_to()
    {
        var change = Pass(ObservedStates.Topology([3, 1, 0, 2], last: Change(6, ChangeStatus.Completed)), Recorded).TopologyChange!;

        Assert.Equal((4L, "COMPLETED", 5, 0), (change.Id, change.Status, change.CompletedOperations, change.PendingOperations));
    }

    [Fact]
    public void A_recorded_change_overtaken_by_later_ones_was_superseded_when_the_members_are_not_what_it_led_to()
    {
        var change = Pass(ObservedStates.Topology([0, 1, 2], last: Change(6, ChangeStatus.Completed)), Recorded).TopologyChange!;

        Assert.Equal((4L, "SUPERSEDED", 2, 3), (change.Id, change.Status, change.CompletedOperations, change.PendingOperations));
    }

    [Fact]
    public void A_change_that_finished_stays_as_it_finished_when_later_changes_run()
    {
        var completed = Recorded with { Status = "COMPLETED", CompletedOperations = 5, PendingOperations = 0 };

        var change = Pass(ObservedStates.Topology([0, 1, 2], last: Change(6, ChangeStatus.Completed)), completed).TopologyChange!;

        Assert.Equal(completed, change);
    }

    [Fact]
    public void A_change_Zeebe_accepted_records_the_members_it_leads_to_in_ascending_order()
    {
        var request = new MembershipChange("orders", MembershipDirection.Add, [3], ViaNodeId: 0);
        var accepted = new ChangeAccepted(11, [0, 1, 2, 3], ["broker 3 join partition 1", "broker 3 join partition 2"]);

        var change = Pass(ObservedStates.Topology([0, 1, 2]), null, new ExecutionResult([], new MembershipOutcome(request, accepted, null))).TopologyChange!;

        Assert.Equal((11L, "IN_PROGRESS", 0, 2, "0,1,2,3"), (change.Id, change.Status, change.CompletedOperations, change.PendingOperations, change.ExpectedMembers));
    }
}
