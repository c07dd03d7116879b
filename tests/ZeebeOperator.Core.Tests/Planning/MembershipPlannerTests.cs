using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Tests.Planning;

/// <summary>
/// The membership and partition rules of the pure planner: which topology change is asked for, through which broker,
/// what holds it back, and what the plan tells the user while it waits.
/// </summary>
public sealed class MembershipPlannerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly PlanningContext Now = PlanningContext.At(Noon);
    private readonly DesiredStateRenderer _renderer = new("us-east-1");

    /// <summary>
    /// A cluster of <paramref name="size"/> brokers running 3 partitions with replication factor 3, and a spec of
    /// generation 2 asking for <paramref name="desiredSize"/> brokers and the given partitions.
    /// </summary>
    private (DesiredCluster Desired, ObservedCluster Observed) Running(int size, int desiredSize, int partitions = 3, int replicationFactor = 3, int[]? members = null)
    {
        var running = _renderer.Render(TestSpecs.Orders(clusterSize: size));
        var observed = ObservedStates.Converged(running).WithTopology(WithPartitions(members ?? [.. Enumerable.Range(0, size)], 3, 3));
        var spec = TestSpecs.Orders(clusterSize: desiredSize, generation: 2);
        spec = spec with { Spec = spec.Spec with { PartitionCount = partitions, ReplicationFactor = replicationFactor } };
        var desired = _renderer.Render(spec, running.Bootstrap);
        return (desired, observed with { Nodes = [.. observed.Nodes, .. desired.Nodes.Skip(size).Select(ObservedStates.ConvergedNode)] });
    }

    /// <summary>Members replicating partitions 1..<paramref name="partitionCount"/> round robin.</summary>
    private static ClusterTopology WithPartitions(int[] members, int partitionCount, int replicationFactor, TopologyChange? last = null) =>
        new(1, [.. members.Select(id => new BrokerMember(id, MemberState.Active, "8.8.3", [.. Enumerable.Range(1, partitionCount)
            .Where(p => Enumerable.Range(0, replicationFactor).Any(r => members[(p - 1 + r) % members.Length] == id))
            .Select(p => new PartitionMember(p, MemberState.Active, 1))]))], last, null);

    private static ObservedCluster NotRunning(ObservedCluster observed, params int[] nodeIds) =>
        nodeIds.Aggregate(observed, (cluster, id) => cluster.WithNode(id, n => n with { Task = n.Task! with { LastStatus = EcsTaskStatus.Pending } }));

    private static PlanningContext After(TopologyChangeStatus recorded, long generation = 2) =>
        Now with { Previous = new ClusterStatus("orders", generation, "\"e\"", [], [], Noon, recorded) };

    [Fact]
    public void A_change_Zeebe_runs_is_waited_for_and_the_plan_names_it()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 3);
        var running = new TopologyChange(7, ChangeStatus.InProgress, null, null, 2, ["broker 2 join partition 3"]);
        observed = observed.WithTopology(ObservedStates.Topology([0, 1, 2], running));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Empty(plan.Blockers);
        Assert.Null(plan.Membership);
        Assert.Contains(plan.Waiting, w => w.StartsWith("topology change #7", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(3, new[] { 0, 1, 2 }, 3, false)]
    [InlineData(4, new[] { 0, 1, 2 }, 3, true)]
    [InlineData(3, new[] { 0, 1, 2, 3 }, 3, true)]
    [InlineData(3, new[] { 0, 1, 2 }, 6, true)]
    public void A_failed_change_of_the_operator_blocks_only_while_the_cluster_still_differs_from_the_spec(int desiredSize, int[] members, int partitions, bool blocks)
    {
        var (desired, observed) = Running(size: Math.Max(desiredSize, members.Length), desiredSize: desiredSize, partitions: partitions, members: members);
        var failed = new TopologyChange(9, ChangeStatus.Failed, Noon.AddMinutes(-5), Noon.AddMinutes(-1), 1, []);
        observed = observed.WithTopology(WithPartitions(members, 3, 3, failed));
        var recorded = new TopologyChangeStatus(9, "the operator's change", "IN_PROGRESS", 0, 3, Generation: 2);

        var plan = Planner.Plan(desired, observed, After(recorded));

        Assert.Equal(blocks, plan.Blockers.Any(b => b.Reason == BlockerReason.TopologyChangeFailed));
        if (blocks)
        {
            Assert.Null(plan.Membership);
        }
    }

    [Fact]
    public void A_failed_change_of_an_earlier_generation_is_tried_again()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 3);
        var failed = new TopologyChange(9, ChangeStatus.Failed, Noon.AddMinutes(-5), Noon.AddMinutes(-1), 1, []);
        observed = observed.WithTopology(WithPartitions([0, 1, 2, 3, 4], 3, 3, failed));

        var plan = Planner.Plan(desired, observed, After(new TopologyChangeStatus(9, "remove brokers 3,4", "IN_PROGRESS", 0, 3, Generation: 1)));

        Assert.Empty(plan.Blockers);
        Assert.Equal([3, 4], plan.Membership!.BrokerIds);
    }

    [Fact]
    public void More_partitions_are_asked_for_on_every_member_through_a_running_one_and_the_step_names_only_what_changes()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 3, partitions: 6);

        var plan = Planner.Plan(desired, observed.WithNode(0, n => n with { Task = n.Task! with { LastStatus = EcsTaskStatus.Pending } }), Now);

        var change = plan.Membership!;
        Assert.Equal(MembershipDirection.ScalePartitions, change.Direction);
        Assert.Equal(new PartitionScaling(6, 3), change.Partitions);
        Assert.Equal([0, 1, 2], change.BrokerIds);
        Assert.Equal(1, change.ViaNodeId);
        Assert.Contains("spec.partitionCount 3 -> 6", change.Reason.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("replicationFactor", change.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_replication_factor_is_asked_for_and_the_step_names_only_the_replication_factor()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 5, replicationFactor: 5);

        var change = Planner.Plan(desired, observed, Now).Membership!;

        Assert.Equal(new PartitionScaling(3, 5), change.Partitions);
        Assert.Contains("spec.replicationFactor 3 -> 5", change.Reason.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("partitionCount", change.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_member_broker_running_no_partition_change_is_asked_and_the_plan_says_why()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 3, partitions: 6);

        var plan = Planner.Plan(desired, NotRunning(observed, 0, 1, 2), Now);

        Assert.Null(plan.Membership);
        Assert.Contains(plan.Waiting, w => w.StartsWith("no running member broker to ask for 6 partitions", StringComparison.Ordinal));
    }

    [Fact]
    public void Brokers_join_before_the_partitions_grow_and_the_step_says_the_partitions_follow()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 5, partitions: 6);

        var change = Planner.Plan(desired, observed, Now).Membership!;

        Assert.Equal(MembershipDirection.Add, change.Direction);
        Assert.Equal([3, 4], change.BrokerIds);
        Assert.Null(change.Partitions);
        Assert.Contains("spec.partitionCount 3 -> 6 follows", change.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Brokers_joining_with_the_partitions_unchanged_give_only_the_scale_up_as_reason()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 5);

        var change = Planner.Plan(desired, observed, Now).Membership!;

        Assert.Equal(MembershipDirection.Add, change.Direction);
        Assert.DoesNotContain("follows", change.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Brokers_leave_before_the_replication_factor_changes_and_the_step_says_it_follows()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 4, replicationFactor: 4);

        var change = Planner.Plan(desired, observed, Now).Membership!;

        Assert.Equal(MembershipDirection.Remove, change.Direction);
        Assert.Equal([4], change.BrokerIds);
        Assert.Contains("spec.replicationFactor 3 -> 4 follows", change.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_topology_change_waits_for_a_running_backup_and_the_plan_names_the_backup()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 5);
        var backup = new BackupRecord(1764000000000, Noon.AddMinutes(-1), BackupRecord.InProgress, BackupTrigger.Schedule, 2);
        var context = Now with { Previous = new ClusterStatus("orders", 2, "\"e\"", [], [], Noon, Backups: BackupsStatus.Empty with { Recent = [backup] }) };

        var plan = Planner.Plan(desired, observed, context);

        Assert.Null(plan.Membership);
        Assert.Contains(plan.Waiting, w => w.Contains("backup #1764000000000", StringComparison.Ordinal));
    }

    [Fact]
    public void A_topology_change_goes_once_Zeebe_reports_the_backup_finished()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 5);
        var backup = new BackupRecord(1764000000000, Noon.AddMinutes(-1), BackupRecord.InProgress, BackupTrigger.Schedule, 2);
        var context = Now with { Previous = new ClusterStatus("orders", 2, "\"e\"", [], [], Noon, Backups: BackupsStatus.Empty with { Recent = [backup] }) };
        observed = observed with { Zeebe = observed.Zeebe with { FollowedBackup = new BackupInfo(backup.Id, BackupState.Completed, null, []) } };

        var plan = Planner.Plan(desired, observed, context);

        Assert.Equal([3, 4], plan.Membership!.BrokerIds);
        Assert.DoesNotContain(plan.Waiting, w => w.Contains("backup", StringComparison.Ordinal));
    }

    [Fact]
    public void While_Zeebe_removes_brokers_their_nodes_are_listed_as_staying_until_it_confirms()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 3);
        var removal = new TopologyChange(7, ChangeStatus.InProgress, null, null, 2, ["broker 4 leave partition 3"]);
        observed = observed.WithTopology(ObservedStates.Topology([0, 1, 2, 3, 4], removal));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Equal([4, 3], plan.Teardown.Select(n => n.NodeId));
        Assert.All(plan.Teardown, n => Assert.Empty(n.Actions));
        Assert.All(plan.Teardown, n => Assert.Equal($"node {n.NodeId} stays until Zeebe confirms its removal", n.WaitingFor));
    }

    [Fact]
    public void A_member_with_nothing_of_its_node_left_is_not_asked_to_leave_and_the_user_is_told_why()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 3);
        observed = observed.WithTopology(WithPartitions([0, 1, 2, 3, 4], 3, 3));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Null(plan.Membership);
        var blocker = Assert.Single(plan.Blockers);
        Assert.Equal(BlockerReason.RetainedMembers, blocker.Reason);
        Assert.Contains("brokers 3,4", blocker.Message, StringComparison.Ordinal);
    }
}
