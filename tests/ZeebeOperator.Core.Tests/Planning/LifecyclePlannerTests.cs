using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Tests.Planning;

/// <summary>The data-safety rules of scaling, restarts, removal and deletion, on the pure planner.</summary>
public sealed class LifecyclePlannerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly PlanningContext Now = PlanningContext.At(Noon);
    private readonly DesiredStateRenderer _renderer = new("us-east-1");

    private (DesiredCluster Desired, ObservedCluster Observed) Running(int size, int desiredSize, string image = "camunda/camunda:8.8.3", int[]? members = null)
    {
        var running = _renderer.Render(TestSpecs.Orders(clusterSize: size));
        var observed = ObservedStates.Converged(running).WithTopology(ObservedStates.Topology(members ?? Enumerable.Range(0, size)));
        var spec = TestSpecs.Orders(clusterSize: desiredSize, image: image, generation: 2);
        var desired = _renderer.Render(spec, running.Bootstrap);
        return (desired, observed);
    }

    private static ObservedCluster WithNewNodes(ObservedCluster observed, DesiredCluster desired, params int[] nodeIds) =>
        observed with { Nodes = [.. observed.Nodes, .. nodeIds.Select(id => ObservedStates.ConvergedNode(desired.Nodes[id]))] };

    [Fact]
    public void Scaling_up_keeps_the_existing_brokers_bootstrap_settings_so_none_restarts()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 5);

        var plan = Planner.Plan(desired, observed with { Nodes = [.. observed.Nodes, .. ObservedStates.Empty(desired).Nodes.Skip(3)] }, Now);

        Assert.All(plan.Nodes.Take(3), n => Assert.Empty(n.Actions));
        Assert.Equal([3, 4], plan.Nodes.Where(n => n.Actions.OfType<CreateServiceAction>().Any()).Select(n => n.NodeId));
        Assert.Null(plan.Membership);
        var newBrokerEnv = desired.Nodes[4].TaskDefinition.For("fsap-4").ContainerDefinitions[0].Environment.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("3", newBrokerEnv["CAMUNDA_CLUSTER_SIZE"]);
        Assert.Equal("4", newBrokerEnv["CAMUNDA_CLUSTER_NODEID"]);
    }

    [Fact]
    public void New_brokers_are_added_to_the_cluster_once_they_run()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 5);
        observed = WithNewNodes(observed, desired, 3, 4);

        var plan = Planner.Plan(desired, observed, Now);

        Assert.NotNull(plan.Membership);
        Assert.Equal(MembershipDirection.Add, plan.Membership.Direction);
        Assert.Equal([3, 4], plan.Membership.BrokerIds);
        Assert.Equal(0, plan.Membership.ViaNodeId);
        Assert.False(plan.Actions.Any());
    }

    [Fact]
    public void The_cluster_is_asked_through_the_first_member_broker_that_runs_never_a_stopped_member_or_a_new_broker()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 5);
        observed = WithNewNodes(observed, desired, 3, 4).WithNode(0, n => n with { Task = n.Task! with { LastStatus = EcsTaskStatus.Pending } });

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Equal([3, 4], plan.Membership!.BrokerIds);
        Assert.Equal(1, plan.Membership.ViaNodeId);
    }

    [Fact]
    public void With_no_member_broker_running_nothing_is_asked_and_the_plan_says_why()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 2);
        foreach (var id in new[] { 0, 1, 2 })
        {
            observed = observed.WithNode(id, n => n with { Task = n.Task! with { LastStatus = EcsTaskStatus.Pending } });
        }

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Null(plan.Membership);
        Assert.Contains("no running member broker to ask for the removal", plan.Waiting);
        Assert.Empty(plan.Teardown.SelectMany(n => n.Actions));
    }

    [Theory]
    [InlineData(new[] { 0 }, true)]
    [InlineData(new[] { 2 }, true)]
    [InlineData(new int[0], false)]
    public void The_cluster_API_being_unavailable_is_waited_on_only_while_a_broker_runs_that_could_answer(int[] runningNodes, bool waits)
    {
        var (desired, observed) = Running(size: 3, desiredSize: 3);
        observed = observed.WithTopology(null);
        foreach (var id in new[] { 0, 1, 2 }.Except(runningNodes))
        {
            observed = observed.WithNode(id, n => n with { Task = n.Task! with { LastStatus = EcsTaskStatus.Pending } });
        }

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Equal(waits, plan.Waiting.Any(w => w.StartsWith("cluster API unavailable", StringComparison.Ordinal)));
        Assert.Null(plan.Membership);
    }

    [Fact]
    public void New_brokers_that_do_not_run_yet_are_not_added()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 4);
        observed = WithNewNodes(observed, desired, 3).WithNode(3, n => n with { Task = n.Task! with { LastStatus = EcsTaskStatus.Pending } });

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Null(plan.Membership);
        Assert.Contains(plan.Waiting, w => w.Contains("must run before", StringComparison.Ordinal));
    }

    [Fact]
    public void Scaling_down_asks_the_cluster_to_remove_brokers_and_deletes_nothing_yet()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 3);

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Equal(MembershipDirection.Remove, plan.Membership!.Direction);
        Assert.Equal([3, 4], plan.Membership.BrokerIds);
        Assert.DoesNotContain(plan.Actions, a => a is DeleteServiceAction or DeleteDiscoveryServiceAction or DeleteAccessPointAction);
    }

    [Fact]
    public void Nothing_is_deleted_while_the_removal_runs()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 3);
        var pending = new TopologyChange(7, ChangeStatus.InProgress, Noon.AddMinutes(-2), null, 2, ["broker 4 leave partition 3"]);
        observed = observed.WithTopology(ObservedStates.Topology([0, 1, 2, 3, 4], pending));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Null(plan.Membership);
        Assert.Empty(plan.Actions);
        Assert.Equal(7, plan.ChangeInProgress!.Id);
    }

    [Fact]
    public void Once_the_cluster_confirms_the_removal_services_go_highest_node_first_and_data_stays()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 3, members: [0, 1, 2]);

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Null(plan.Membership);
        Assert.Equal([4, 3], plan.Teardown.Select(n => n.NodeId));
        Assert.All(plan.Teardown, n => Assert.Collection(
            n.Actions,
            a => Assert.IsType<DeleteServiceAction>(a),
            a => Assert.False(Assert.IsType<PruneTaskDefinitionsAction>(a).KeepNewest)));

        // Once both services are gone, their Cloud Map services; the access points stay.
        observed = WithoutServices(observed, 3, 4);
        plan = Planner.Plan(desired, observed, Now);
        Assert.All(plan.Teardown, n => Assert.Equal([typeof(PruneTaskDefinitionsAction), typeof(DeleteDiscoveryServiceAction)], n.Actions.Select(a => a.GetType())));
        Assert.Equal(["orders-broker-4", "orders-broker-3"], plan.Actions.OfType<DeleteDiscoveryServiceAction>().Select(a => a.Name));

        plan = Planner.Plan(desired, WithoutDiscovery(observed, 3, 4), Now);
        Assert.False(plan.HasActions);
    }

    [Fact]
    public void Teardown_waits_for_every_service_before_any_Cloud_Map_service_goes()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 3, members: [0, 1, 2]);
        observed = WithoutServices(observed, 4).WithNode(3, n => n with { Service = Observed<EcsService>.Owned(n.Service.Resource! with { Status = EcsServiceStatus.Draining }, n.Service.Tags) });

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Empty(plan.Actions);
        Assert.Equal(
            ["node 4: the rest goes once every ECS service of the removed nodes is gone", "ECS service orders-broker-3 is draining"],
            plan.Teardown.Select(n => n.WaitingFor));
    }

    [Fact]
    public void Retention_delete_removes_the_access_points_of_removed_nodes_too()
    {
        var running = _renderer.Render(TestSpecs.Orders(clusterSize: 4));
        var observed = ObservedStates.Converged(running).WithTopology(ObservedStates.Topology([0, 1, 2]));
        var document = TestSpecs.Orders(clusterSize: 3, generation: 2);
        document = document with { Spec = document.Spec with { Storage = document.Spec.Storage with { Retention = DataRetention.Delete } } };

        var desired = _renderer.Render(document, running.Bootstrap);

        Assert.Equal([typeof(DeleteServiceAction), typeof(PruneTaskDefinitionsAction)], Planner.Plan(desired, observed, Now).Actions.Select(a => a.GetType()));
        Assert.Equal([typeof(PruneTaskDefinitionsAction), typeof(DeleteDiscoveryServiceAction)], Planner.Plan(desired, WithoutServices(observed, 3), Now).Actions.Select(a => a.GetType()));
        var last = Assert.IsType<DeleteAccessPointAction>(Assert.Single(Planner.Plan(desired, WithoutDiscovery(WithoutServices(observed, 3), 3), Now).Actions));
        Assert.Equal(3, last.NodeId);
    }

    [Fact]
    public void A_failed_removal_blocks_with_a_clear_message_and_deletes_nothing()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 3);
        var failed = new TopologyChange(9, ChangeStatus.Failed, Noon.AddMinutes(-5), Noon.AddMinutes(-1), 1, []);
        observed = observed.WithTopology(ObservedStates.Topology([0, 1, 2, 3, 4], last: failed));
        var previous = new ClusterStatus("orders", 2, "\"e\"", [], [], Noon, new TopologyChangeStatus(9, "remove brokers 3,4", "IN_PROGRESS", 0, 3, Generation: 2));

        var plan = Planner.Plan(desired, observed, Now with { Previous = previous });

        var blocker = Assert.Single(plan.Blockers);
        Assert.Equal(BlockerReason.TopologyChangeFailed, blocker.Reason);
        Assert.Contains("#9", blocker.Message, StringComparison.Ordinal);
        Assert.Null(plan.Membership);
        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void A_stuck_change_is_reported_and_nothing_is_deleted()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 3);
        var stuck = new TopologyChange(3, ChangeStatus.InProgress, null, null, 1, ["broker 4 leave partition 2"]);
        observed = observed.WithTopology(ObservedStates.Topology([0, 1, 2, 3, 4], stuck));
        var previous = new ClusterStatus("orders", 2, "\"e\"", [], [], Noon, new TopologyChangeStatus(3, "remove brokers 3,4", "IN_PROGRESS", 1, 1, Generation: 2, RunningSince: Noon.AddHours(-2)));

        var plan = Planner.Plan(desired, observed, Now with { Previous = previous });

        var blocker = Assert.Single(plan.Blockers);
        Assert.Equal(BlockerReason.TopologyChangeStuck, blocker.Reason);
        Assert.Contains("running since 2026-11-22 10:00:00Z", blocker.Message, StringComparison.Ordinal);
        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void A_change_the_operator_has_not_seen_running_before_is_not_stuck_whatever_zeebe_says_of_its_start()
    {
        var (desired, observed) = Running(size: 5, desiredSize: 3);
        var running = new TopologyChange(3, ChangeStatus.InProgress, Noon.AddHours(-2), null, 1, ["broker 4 leave partition 2"]);
        observed = observed.WithTopology(ObservedStates.Topology([0, 1, 2, 3, 4], running));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Empty(plan.Blockers);
        Assert.Equal(running, plan.ChangeInProgress);
    }

    [Fact]
    public void Restarting_changes_wait_for_the_maintenance_window()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 3, image: "camunda/camunda:8.8.4");
        var closed = Now with { Window = new MaintenanceWindowState(false, Noon.AddHours(14)) };

        var plan = Planner.Plan(desired, observed, closed);

        Assert.Empty(plan.Actions);
        Assert.Equal([0, 1, 2], plan.Held.Select(h => h.NodeId).Order());
        Assert.All(plan.Held, h => Assert.Contains("2026-11-23 02:00 UTC", h.Until, StringComparison.Ordinal));
    }

    [Fact]
    public void The_next_broker_restarts_only_when_every_broker_is_back_and_ready()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 3, image: "camunda/camunda:8.8.4");
        var notReady = observed with { Zeebe = observed.Zeebe with { Readiness = new Dictionary<int, HealthReport>
        {
            [0] = HealthReport.Up,
            [1] = new(false, ["searchEngine"]),
            [2] = HealthReport.Up,
        } } };

        var plan = Planner.Plan(desired, notReady, Now);

        Assert.Empty(plan.Actions);
        Assert.All(plan.Held, h => Assert.Contains("broker 1 to report ready (failing: searchEngine)", h.Until, StringComparison.Ordinal));
    }

    [Fact]
    public void The_next_broker_restarts_only_when_the_last_ones_ECS_deployment_has_finished()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 3, image: "camunda/camunda:8.8.4");
        var deploying = observed.WithNode(1, n => n with
        {
            Service = n.Service with { Resource = n.Service.Resource! with { Deployments = [n.Service.Resource.Deployments[0] with { RolloutState = "IN_PROGRESS" }] } },
        });

        var plan = Planner.Plan(desired, deploying, Now);

        Assert.Empty(plan.Actions);
        Assert.All(plan.Held, h => Assert.Contains("deployment of node 1 to finish", h.Until, StringComparison.Ordinal));
        Assert.NotEmpty(Planner.Plan(desired, observed, Now).Actions);
    }

    [Fact]
    public void A_broker_in_a_state_the_operator_does_not_know_holds_the_restart_and_is_named_as_Zeebe_reports_it()
    {
        var (desired, observed) = Running(size: 3, desiredSize: 3, image: "camunda/camunda:8.8.4");
        var topology = observed.Zeebe.Topology!;
        var recovering = observed.WithTopology(topology with
        {
            Brokers = [.. topology.Brokers.Select(b => b.Id == 1 ? b with { State = MemberState.Parse("recovering") } : b)],
        });

        var plan = Planner.Plan(desired, recovering, Now);

        Assert.Empty(plan.Actions);
        Assert.All(plan.Held, h => Assert.Equal("waiting for broker 1 to be ACTIVE in the cluster (is RECOVERING)", h.Until));
    }

    [Fact]
    public void Tag_only_changes_apply_at_once_even_outside_the_window()
    {
        var running = _renderer.Render(TestSpecs.Orders());
        var observed = ObservedStates.Converged(running);
        var desired = _renderer.Render(TestSpecs.Orders(labels: new Dictionary<string, string> { ["team"] = "core" }, generation: 2), running.Bootstrap);

        var plan = Planner.Plan(desired, observed, Now with { Window = new MaintenanceWindowState(false, Noon.AddDays(1)) });

        Assert.NotEmpty(plan.Actions);
        Assert.All(plan.Actions, a => Assert.IsType<TagResourceAction>(a));
        Assert.Empty(plan.Held);
    }

    [Fact]
    public void A_label_added_to_a_running_cluster_tags_the_task_definition_revisions_in_use()
    {
        var running = _renderer.Render(TestSpecs.Orders());
        var observed = ObservedStates.Converged(running);
        var desired = _renderer.Render(TestSpecs.Orders(labels: new Dictionary<string, string> { ["team"] = "payments", ["cost-center"] = "42" }, generation: 2), running.Bootstrap);

        var plan = Planner.Plan(desired, observed, Now);

        Assert.DoesNotContain(plan.Actions, a => a is RegisterTaskDefinitionAction);
        foreach (var node in observed.Nodes)
        {
            var tagging = Assert.Single(plan.Actions.OfType<TagResourceAction>(), a => a.NodeId == node.NodeId && a.Kind == TaggedResourceKind.TaskDefinition);
            Assert.Equal(node.CurrentTaskDefinition!.Arn, tagging.ResourceId);
            Assert.Equal(new Dictionary<string, string> { ["cost-center"] = "42" }, tagging.Tags);
            Assert.Equal($"node {node.NodeId}: tag ECS task definition {node.CurrentTaskDefinition.Arn} (tags cost-center)", tagging.Describe().ToString());
        }
    }

    [Fact]
    public void A_held_restart_tags_the_revision_in_use_with_the_labels_but_never_with_the_new_content_hash()
    {
        var running = _renderer.Render(TestSpecs.Orders());
        var observed = ObservedStates.Converged(running);
        var desired = _renderer.Render(
            TestSpecs.Orders(image: "camunda/camunda:8.8.4", labels: new Dictionary<string, string> { ["team"] = "core" }, generation: 2),
            running.Bootstrap);

        var plan = Planner.Plan(desired, observed, Now with { Window = new MaintenanceWindowState(false, Noon.AddDays(1)) });

        Assert.Equal([0, 1, 2], plan.Held.Select(h => h.NodeId).Order());
        var taggings = plan.Actions.OfType<TagResourceAction>().Where(a => a.Kind == TaggedResourceKind.TaskDefinition).ToList();
        Assert.Equal(3, taggings.Count);
        Assert.All(taggings, t => Assert.Equal(new Dictionary<string, string> { ["team"] = "core" }, t.Tags));
    }

    [Theory]
    [InlineData("replicationFactorBefore8.8")]
    [InlineData("partitionCountUpBefore8.8")]
    [InlineData("partitionCountDown")]
    [InlineData("namespace")]
    [InlineData("fileSystem")]
    public void Unsafe_transitions_are_refused_before_anything_is_touched(string change)
    {
        const string Image87 = "camunda/zeebe:8.7.12";
        var running = _renderer.Render(TestSpecs.Orders(clusterSize: 5, image: Image87));
        var observed = ObservedStates.Converged(running);
        var spec = TestSpecs.Orders(clusterSize: 5, image: Image87, generation: 2);
        spec = change switch
        {
            "replicationFactorBefore8.8" => spec with { Spec = spec.Spec with { ReplicationFactor = 5 } },
            "partitionCountUpBefore8.8" => spec with { Spec = spec.Spec with { PartitionCount = 6 } },
            "partitionCountDown" => spec with { Spec = spec.Spec with { PartitionCount = 1 } },
            "fileSystem" => spec with { Spec = spec.Spec with { Storage = spec.Spec.Storage with { FileSystemId = "fs-99999999999999999" } } },
            _ => spec with { Spec = spec.Spec with { ServiceDiscovery = spec.Spec.ServiceDiscovery with { NamespaceName = "other.internal" } } },
        };

        var plan = Planner.Plan(_renderer.Render(spec, running.Bootstrap), observed, Now);

        Assert.Equal(BlockerReason.TransitionRefused, Assert.Single(plan.Blockers).Reason);
        Assert.False(plan.HasActions);
    }

    [Fact]
    public void Retained_access_points_above_cluster_size_are_data_not_a_pending_scale_down()
    {
        var (desired, observed) = RecreatedOverRetainedData(size: 3, retained: [3, 4]);

        var starting = Planner.Plan(desired, observed, Now);
        Assert.Empty(starting.Teardown);
        Assert.DoesNotContain(starting.AllWaits, w => w.Contains("removal", StringComparison.Ordinal));

        var running = Planner.Plan(desired, WithBrokersRunning(desired, observed, members: [0, 1, 2]), Now);
        Assert.Empty(running.Teardown);
        Assert.Empty(running.Blockers);
        Assert.Null(running.Membership);
        Assert.Empty(running.AllWaits);
    }

    [Fact]
    public void Members_that_only_have_retained_data_are_not_asked_to_leave_and_the_user_is_told_why()
    {
        var (desired, observed) = RecreatedOverRetainedData(size: 3, retained: [3, 4]);

        // The brokers recovered their old data, and with it the old topology of five members.
        var plan = Planner.Plan(desired, WithBrokersRunning(desired, observed, members: [0, 1, 2, 3, 4]), Now);

        Assert.Null(plan.Membership);
        var blocker = Assert.Single(plan.Blockers);
        Assert.Equal(BlockerReason.RetainedMembers, blocker.Reason);
        Assert.Contains("brokers 3,4", blocker.Message, StringComparison.Ordinal);
        Assert.Contains("spec.clusterSize to 5", blocker.Message, StringComparison.Ordinal);
    }

    /// <summary>A new cluster of <paramref name="size"/> where access points of a deleted, bigger one were retained.</summary>
    private (DesiredCluster Desired, ObservedCluster Observed) RecreatedOverRetainedData(int size, int[] retained)
    {
        var before = _renderer.Render(TestSpecs.Orders(clusterSize: retained.Max() + 1));
        var desired = _renderer.Render(TestSpecs.Orders(clusterSize: size, generation: 3));
        var leftOver = retained.Select(id => ObservedStates.ConvergedNode(before.Nodes[id]) with
        {
            DiscoveryService = Observed<DiscoveryService>.Absent,
            Service = Observed<EcsService>.Absent,
            CurrentTaskDefinition = null,
            Task = null,
        });
        var empty = ObservedStates.Empty(desired);
        return (desired, empty with { Nodes = [.. empty.Nodes, .. leftOver] });
    }

    private static ObservedCluster WithBrokersRunning(DesiredCluster desired, ObservedCluster observed, int[] members) =>
        observed with
        {
            Nodes = [.. observed.Nodes.Select(n => desired.NodeIds.Contains(n.NodeId) ? ObservedStates.ConvergedNode(desired.Nodes[n.NodeId]) : n)],
            Zeebe = new ZeebeObservation(ObservedStates.Topology(members), null, new Dictionary<int, HealthReport>()),
        };

    [Fact]
    public void Deletion_removes_services_highest_first_and_keeps_data_by_default()
    {
        var running = _renderer.Render(TestSpecs.Orders());
        var observed = ObservedStates.Converged(running);
        var document = TestSpecs.Orders(generation: 2);
        document = document with { Metadata = document.Metadata with { DeletionRequested = true } };

        var plan = Planner.Plan(_renderer.Render(document, running.Bootstrap), observed, Now);

        Assert.Equal([2, 1, 0], plan.Teardown.Select(n => n.NodeId));
        Assert.DoesNotContain(plan.Actions, a => a is DeleteAccessPointAction);
        Assert.All(plan.Teardown, n => Assert.Equal([typeof(DeleteServiceAction), typeof(PruneTaskDefinitionsAction)], n.Actions.Select(a => a.GetType())));
        Assert.Equal([2, 1, 0], plan.Actions.OfType<DeleteServiceAction>().Select(a => a.NodeId));
        Assert.Null(plan.Membership);

        var afterServices = Planner.Plan(_renderer.Render(document, running.Bootstrap), WithoutServices(observed, 0, 1, 2), Now);
        Assert.Equal([2, 1, 0], afterServices.Actions.OfType<DeleteDiscoveryServiceAction>().Select(a => a.NodeId));
    }

    private static ObservedCluster WithoutServices(ObservedCluster observed, params int[] nodeIds) =>
        nodeIds.Aggregate(observed, (cluster, id) => cluster.WithNode(id, n => n with { Service = Observed<EcsService>.Absent, CurrentTaskDefinition = null, Task = null }));

    private static ObservedCluster WithoutDiscovery(ObservedCluster observed, params int[] nodeIds) =>
        nodeIds.Aggregate(observed, (cluster, id) => cluster.WithNode(id, n => n with { DiscoveryService = Observed<DiscoveryService>.Absent }));

    [Fact]
    public void A_service_whose_tags_were_stripped_is_recognised_by_its_task_definition_and_retagged()
    {
        var desired = _renderer.Render(TestSpecs.Orders());
        var observed = ObservedStates.Converged(desired).WithNode(1, n => n with
        {
            Service = Observed<EcsService>.Owned(n.Service.Resource! with { Tags = new Dictionary<string, string>() }, new Dictionary<string, string>()),
        });

        var plan = Planner.Plan(desired, observed, Now);

        var retag = Assert.IsType<TagResourceAction>(Assert.Single(plan.Actions));
        Assert.True(retag.Reason.IsDrift);
        Assert.StartsWith("Drift: ownership tags removed", retag.Reason.ToString(), StringComparison.Ordinal);
        Assert.Equal(TagKeys.ManagedByValue, retag.Tags[TagKeys.ManagedBy]);
    }

    [Fact]
    public void A_swapped_task_definition_is_reverted_at_once_as_drift()
    {
        var desired = _renderer.Render(TestSpecs.Orders());
        var observed = ObservedStates.Converged(desired).WithNode(0, n => n with
        {
            CurrentTaskDefinition = n.CurrentTaskDefinition! with { Arn = "arn:aws:ecs:us-east-1:000000000000:task-definition/hand-made:3", Definition = n.CurrentTaskDefinition.Definition with { Family = "hand-made", Tags = new Dictionary<string, string>() } },
        });

        var plan = Planner.Plan(desired, observed, Now with { Window = new MaintenanceWindowState(false, Noon.AddDays(1)) });

        var register = Assert.IsType<RegisterTaskDefinitionAction>(plan.Nodes[0].Actions[0]);
        Assert.StartsWith("Drift: task definition replaced", register.Reason.ToString(), StringComparison.Ordinal);
        Assert.Empty(plan.Held);
    }
}
