using System.Text.RegularExpressions;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;
using static ZeebeOperator.Core.Tests.Support.StatusPass;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>The Ready, Progressing and Degraded conditions a pass writes: their status and machine-readable reason.</summary>
public sealed class ClusterConditionsTests
{
    private static readonly Inspection ConvergedPass = ConvergedInspection();

    private static Inspection ConvergedInspection()
    {
        var desired = Render(TestSpecs.Orders());
        return Inspect(desired, ObservedStates.Converged(desired));
    }

    private static Inspection WithPlan(Func<ExecutionPlan, ExecutionPlan> change) => ConvergedPass with { Plan = change(ConvergedPass.Plan) };

    [Fact]
    public void While_its_services_are_being_removed_a_deleted_cluster_is_Deleting_and_still_progressing()
    {
        var desired = Render(TestSpecs.Orders().Deleting());

        var status = StatusAfter(Inspect(desired, ObservedStates.Converged(desired)));

        Assert.Equal((ConditionStatus.False, "Deleting"), (status.Ready().Status, status.Ready().Reason));
        Assert.Equal((ConditionStatus.True, "Deleting"), (status.Progressing().Status, status.Progressing().Reason));
    }

    [Theory]
    [InlineData(DataRetention.Retain, true)]
    [InlineData(DataRetention.Delete, false)]
    public void Once_nothing_is_left_the_cluster_is_Deleted_and_the_message_says_whether_its_data_is_retained(DataRetention retention, bool retained)
    {
        var desired = Render(TestSpecs.Orders().Deleting().WithRetention(retention));

        var status = StatusAfter(Inspect(desired, ObservedStates.Empty(desired)));

        Assert.Equal((ConditionStatus.False, "Deleted"), (status.Ready().Status, status.Ready().Reason));
        Assert.Equal((ConditionStatus.False, "Deleted"), (status.Progressing().Status, status.Progressing().Reason));
        Assert.Equal(retained, status.Progressing().Message.Contains("retain", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_removed_node_with_nothing_left_to_do_or_wait_for_does_not_hold_the_deletion_open()
    {
        var desired = Render(TestSpecs.Orders().Deleting());
        var inspection = Inspect(desired, ObservedStates.Empty(desired));
        inspection = inspection with { Plan = inspection.Plan with { Teardown = [new NodePlan(2, new NodeContext(null, null, null, null), [], null)] } };

        var status = StatusAfter(inspection);

        Assert.True(StatusCalculator.IsDeleted(inspection.Plan, new ExecutionResult([])));
        Assert.Equal("Deleted", status.Ready().Reason);
    }

    [Fact]
    public void A_cluster_deleted_with_retention_Delete_lists_no_retained_data_while_its_access_points_are_still_there()
    {
        var desired = Render(TestSpecs.Orders().Deleting().WithRetention(DataRetention.Delete));

        var status = StatusAfter(Inspect(desired, ObservedStates.Converged(desired)));

        Assert.Null(status.RetainedData);
    }

    [Fact]
    public void A_cluster_deleted_with_retention_Retain_lists_every_access_point_as_retained()
    {
        var desired = Render(TestSpecs.Orders().Deleting());

        var status = StatusAfter(Inspect(desired, ObservedStates.Converged(desired)));

        Assert.Equal([0, 1, 2], status.RetainedData!.Select(r => r.NodeId));
    }

    [Fact]
    public void A_converged_cluster_is_Ready_and_Converged_and_lists_its_own_access_points_as_nothing_retained()
    {
        var status = StatusAfter(ConvergedPass);

        Assert.Equal((ConditionStatus.True, "AllBrokersReady"), (status.Ready().Status, status.Ready().Reason));
        Assert.Equal((ConditionStatus.False, "Converged"), (status.Progressing().Status, status.Progressing().Reason));
        Assert.Equal(ConditionStatus.False, status.Degraded().Status);
        Assert.Null(status.RetainedData);
    }

    [Fact]
    public void A_node_blocked_while_every_other_node_runs_leaves_the_cluster_Blocked_not_progressing()
    {
        var status = StatusAfter(WithPlan(p => p with { Blockers = [new Blocker(1, BlockerReason.OwnershipConflict, "ECS service orders-broker-1 is not ours")] }));

        Assert.False(status.Node(1).Ready);
        Assert.Equal((ConditionStatus.False, "Blocked"), (status.Progressing().Status, status.Progressing().Reason));
        Assert.Equal((ConditionStatus.True, nameof(BlockerReason.OwnershipConflict)), (status.Degraded().Status, status.Degraded().Reason));
    }

    [Fact]
    public void A_node_blocked_while_another_node_is_not_running_yet_still_waits_for_that_broker()
    {
        var inspection = WithPlan(p => p with { Blockers = [new Blocker(1, BlockerReason.OwnershipConflict, "ECS service orders-broker-1 is not ours")] });
        inspection = inspection with { Observed = inspection.Observed.WithNode(0, n => n with { Task = null }) };

        var status = StatusAfter(inspection);

        Assert.Equal((ConditionStatus.True, "WaitingForBrokers"), (status.Progressing().Status, status.Progressing().Reason));
    }

    [Fact]
    public void Brokers_running_that_Zeebe_does_not_count_as_members_yet_are_scaling_and_waited_for_listed_in_ascending_order()
    {
        var inspection = ConvergedPass with { Observed = ConvergedPass.Observed.WithTopology(ObservedStates.Topology([1, 0])) };

        var status = StatusAfter(inspection);

        Assert.Equal((ConditionStatus.False, "ScalingInProgress"), (status.Ready().Status, status.Ready().Reason));
        Assert.Equal(["0,1", "0,1,2"], Regex.Matches(status.Ready().Message, @"\d+(,\d+)+").Select(m => m.Value));
        Assert.Equal((ConditionStatus.True, "WaitingForBrokers"), (status.Progressing().Status, status.Progressing().Reason));
    }

    [Fact]
    public void A_running_topology_change_is_reported_as_TopologyChangeInProgress()
    {
        var status = StatusAfter(WithPlan(p => p with { ChangeInProgress = new TopologyChange(7, ChangeStatus.InProgress, null, null, 1, ["broker 3 join partition 2"]) }));

        Assert.Equal((ConditionStatus.True, "TopologyChangeInProgress"), (status.Progressing().Status, status.Progressing().Reason));
    }

    [Fact]
    public void Something_the_cluster_waits_for_without_a_topology_change_is_reported_as_Waiting()
    {
        var status = StatusAfter(WithPlan(p => p with { Waiting = ["cluster API unavailable: connection refused"] }));

        Assert.Equal((ConditionStatus.True, "Waiting"), (status.Progressing().Status, status.Progressing().Reason));
    }

    [Theory]
    [InlineData(true, "RollingUpdate")]
    [InlineData(false, "WaitingForMaintenanceWindow")]
    public void Held_restarts_are_a_RollingUpdate_while_the_window_is_open_and_wait_for_it_while_closed(bool windowOpen, string reason)
    {
        var held = new HeldChange(1, new ChangeReason.SpecChange("image camunda/camunda:8.8.3 -> camunda/camunda:8.8.4"), "after node 2 is back");
        var inspection = WithPlan(p => p with { Held = [held] }) with { Context = Context(window: new MaintenanceWindowState(windowOpen, null)) };

        var status = StatusAfter(inspection);

        Assert.Equal((ConditionStatus.True, reason), (status.Progressing().Status, status.Progressing().Reason));
        Assert.Equal([held.ToString()], status.Pending!);
    }

    [Theory]
    [InlineData(AwsErrorKind.Throttled, ConditionStatus.False)]
    [InlineData(AwsErrorKind.ServiceUnavailable, ConditionStatus.False)]
    [InlineData(AwsErrorKind.AccessDenied, ConditionStatus.True)]
    public void A_failed_AWS_call_degrades_the_cluster_only_when_retrying_will_not_help(AwsErrorKind kind, ConditionStatus degraded)
    {
        var desired = Render(TestSpecs.Orders());
        var action = Planner.Plan(desired, ObservedStates.Empty(desired), Context()).Nodes[0].Actions[0];
        var failure = new AwsApiException("elasticfilesystem", "CreateAccessPoint", kind, "SomeError", "it failed");

        var status = StatusAfter(ConvergedPass, new ExecutionResult([new ActionOutcome(action, failure)]));

        Assert.Equal("Retrying", status.Progressing().Reason);
        Assert.Equal(degraded, status.Degraded().Status);
        Assert.Equal(degraded == ConditionStatus.True ? "AwsCallFailed" : "AsExpected", status.Degraded().Reason);
    }

    [Fact]
    public void A_condition_keeps_its_transition_time_while_its_status_holds_and_takes_the_new_time_when_it_changes()
    {
        var scaling = ConvergedPass with { Observed = ConvergedPass.Observed.WithTopology(ObservedStates.Topology([0, 1])) };
        var first = StatusAfter(scaling);
        var later = Now.AddMinutes(5);

        var converged = StatusAfter(ConvergedPass, previous: first, at: later);
        var stillConverged = StatusAfter(ConvergedPass, previous: converged, at: later.AddMinutes(5));

        Assert.Equal(later, converged.Ready().LastTransitionTime);
        Assert.Equal(later, converged.Progressing().LastTransitionTime);
        Assert.Equal(Now, converged.Degraded().LastTransitionTime);
        Assert.Equal(later, stillConverged.Ready().LastTransitionTime);
        Assert.Equal(later, stillConverged.Progressing().LastTransitionTime);
    }
}
