using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Planning;

/// <summary>
/// What goes, in which order, when nodes are removed or the cluster is deleted: services, then Cloud Map services,
/// then (only with retention Delete) access points, and the gateway name last.
/// </summary>
public sealed class TeardownPlannerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly PlanningContext Now = PlanningContext.At(Noon);
    private readonly DesiredStateRenderer _renderer = new("us-east-1");

    private static ZeebeClusterDocument Orders(int clusterSize = 3, DataRetention retention = DataRetention.Retain, bool deleted = false)
    {
        var document = TestSpecs.Orders(clusterSize: clusterSize, generation: 2);
        return document with
        {
            Metadata = document.Metadata with { DeletionRequested = deleted },
            Spec = document.Spec with { Storage = document.Spec.Storage with { Retention = retention } },
        };
    }

    private (DesiredCluster Desired, ObservedCluster Observed) ScaledDown(int from, int to, DataRetention retention)
    {
        var running = _renderer.Render(TestSpecs.Orders(clusterSize: from));
        var observed = ObservedStates.Converged(running).WithTopology(ObservedStates.Topology(Enumerable.Range(0, to)));
        return (_renderer.Render(Orders(clusterSize: to, retention: retention), running.Bootstrap), observed);
    }

    private (DesiredCluster Desired, ObservedCluster Observed) Deleted(DataRetention retention)
    {
        var running = _renderer.Render(TestSpecs.Orders());
        return (_renderer.Render(Orders(retention: retention, deleted: true), running.Bootstrap), ObservedStates.Converged(running));
    }

    private static ObservedNode WithoutService(ObservedNode node) =>
        node with { Service = Observed<EcsService>.Absent, CurrentTaskDefinition = null, Task = null };

    private static ObservedNode WithoutDiscovery(ObservedNode node) => node with { DiscoveryService = Observed<DiscoveryService>.Absent };

    private static ObservedCluster WithGateway(ObservedCluster observed, DesiredCluster desired, params int[] registered)
    {
        var service = new DiscoveryService("srv-gateway00000000", "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-gateway00000000",
            desired.Gateway.Name, desired.Gateway.NamespaceId, desired.Gateway.DnsTtlSeconds, desired.Gateway.Description);
        return observed with
        {
            Gateway = new ObservedGateway(
                Observed<DiscoveryService>.Owned(service, desired.Gateway.Tags),
                [.. registered.Select(id => new ServiceInstance(ObservedGateway.InstanceIdOf(id), new Dictionary<string, string> { [ServiceInstance.Ipv4Attribute] = $"10.0.0.{id + 10}" }))]),
        };
    }

    [Fact]
    public void With_retention_Delete_no_access_point_goes_while_another_removed_nodes_Cloud_Map_service_is_left()
    {
        var (desired, observed) = ScaledDown(from: 5, to: 3, DataRetention.Delete);
        observed = observed.WithNode(3, WithoutService).WithNode(4, n => WithoutDiscovery(WithoutService(n)));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.DoesNotContain(plan.Actions, a => a is DeleteAccessPointAction);
        Assert.Equal([typeof(PruneTaskDefinitionsAction), typeof(DeleteDiscoveryServiceAction)], plan.Teardown.Single(n => n.NodeId == 3).Actions.Select(a => a.GetType()));
        Assert.Equal("node 4: its access point goes once every Cloud Map service of the removed nodes is gone", plan.Teardown.Single(n => n.NodeId == 4).WaitingFor);

        plan = Planner.Plan(desired, observed.WithNode(3, WithoutDiscovery), Now);

        Assert.Equal([4, 3], plan.Actions.OfType<DeleteAccessPointAction>().Select(a => a.NodeId));
        Assert.Empty(plan.AllWaits);
    }

    [Fact]
    public void With_retention_Retain_a_node_whose_Cloud_Map_service_is_gone_does_not_wait_for_the_others()
    {
        var (desired, observed) = ScaledDown(from: 5, to: 3, DataRetention.Retain);
        observed = observed.WithNode(3, WithoutService).WithNode(4, n => WithoutDiscovery(WithoutService(n)));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Equal([3], plan.Teardown.Select(n => n.NodeId));
        Assert.Empty(plan.AllWaits);
        Assert.DoesNotContain(plan.Actions, a => a is DeleteAccessPointAction);
    }

    [Fact]
    public void With_retention_Delete_a_node_with_only_its_access_point_left_waits_while_services_of_other_removed_nodes_remain()
    {
        var (desired, observed) = ScaledDown(from: 5, to: 3, DataRetention.Delete);
        observed = observed.WithNode(4, n => WithoutDiscovery(WithoutService(n)));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Equal("node 4: the rest goes once every ECS service of the removed nodes is gone", plan.Teardown.Single(n => n.NodeId == 4).WaitingFor);
        Assert.Empty(plan.Teardown.Single(n => n.NodeId == 4).Actions);
    }

    [Fact]
    public void Deletion_with_retention_Retain_leaves_nodes_that_only_hold_data_alone()
    {
        var (desired, observed) = Deleted(DataRetention.Retain);
        observed = observed.WithNode(1, WithoutService).WithNode(2, n => WithoutDiscovery(WithoutService(n)));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Equal([1, 0], plan.Teardown.Select(n => n.NodeId));
        Assert.DoesNotContain(plan.Actions, a => a is DeleteAccessPointAction);
    }

    [Fact]
    public void Deletion_with_retention_Delete_removes_the_access_points_last()
    {
        var (desired, observed) = Deleted(DataRetention.Delete);
        observed = observed.WithNode(1, WithoutService).WithNode(2, n => WithoutDiscovery(WithoutService(n)));

        var plan = Planner.Plan(desired, observed, Now);
        Assert.Equal([2, 1, 0], plan.Teardown.Select(n => n.NodeId));
        Assert.Equal([0], plan.Actions.OfType<DeleteServiceAction>().Select(a => a.NodeId));
        Assert.DoesNotContain(plan.Actions, a => a is DeleteAccessPointAction or DeleteDiscoveryServiceAction);

        var nodesGone = observed.WithNode(0, n => WithoutDiscovery(WithoutService(n))).WithNode(1, WithoutDiscovery);
        plan = Planner.Plan(desired, nodesGone, Now);
        Assert.Equal([2, 1, 0], plan.Actions.OfType<DeleteAccessPointAction>().Select(a => a.NodeId));
    }

    [Fact]
    public void Deletion_removes_the_gateway_name_only_once_no_broker_service_is_left_as_the_last_step()
    {
        var (desired, observed) = Deleted(DataRetention.Retain);
        observed = WithGateway(observed, desired);

        Assert.DoesNotContain(Planner.Plan(desired, observed, Now).Actions, a => a is DeleteDiscoveryServiceAction);
        var oneServiceLeft = observed.WithNode(1, WithoutService).WithNode(2, WithoutService);
        Assert.DoesNotContain(Planner.Plan(desired, oneServiceLeft, Now).Actions, a => a is DeleteDiscoveryServiceAction d && d.Name == desired.Gateway.Name);

        var servicesGone = observed.WithNode(0, WithoutService).WithNode(1, WithoutService).WithNode(2, WithoutService);
        var plan = Planner.Plan(desired, servicesGone, Now);

        Assert.Equal(
            ["orders-broker-2", "orders-broker-1", "orders-broker-0", desired.Gateway.Name],
            plan.Actions.OfType<DeleteDiscoveryServiceAction>().Select(a => a.Name));
        Assert.IsType<DeleteDiscoveryServiceAction>(plan.Teardown[^1].Actions[^1]);
        Assert.Equal(3, plan.Teardown.Count);
    }

    [Fact]
    public void Deletion_deregisters_gateway_instances_left_behind_before_the_gateway_name_goes()
    {
        var (desired, observed) = Deleted(DataRetention.Retain);
        observed = WithGateway(observed, desired, registered: 1);
        observed = observed.WithNode(0, n => WithoutDiscovery(WithoutService(n))).WithNode(1, n => WithoutDiscovery(WithoutService(n))).WithNode(2, n => WithoutDiscovery(WithoutService(n)));

        var plan = Planner.Plan(desired, observed, Now);

        var last = Assert.Single(plan.Teardown);
        Assert.Equal(0, last.NodeId);
        Assert.Collection(
            last.Actions,
            a => Assert.Equal("node-1", Assert.IsType<DeregisterGatewayInstanceAction>(a).InstanceId),
            a => Assert.Equal(desired.Gateway.Name, Assert.IsType<DeleteDiscoveryServiceAction>(a).Name));
    }

    [Fact]
    public void Deletion_leaves_a_gateway_name_that_is_not_the_operators_alone()
    {
        var (desired, observed) = Deleted(DataRetention.Retain);
        observed = WithGateway(observed, desired);
        observed = observed with { Gateway = observed.Gateway! with { Service = Observed<DiscoveryService>.Foreign(observed.Gateway.Service.Resource!, new Dictionary<string, string>()) } };
        observed = observed.WithNode(0, n => WithoutDiscovery(WithoutService(n))).WithNode(1, n => WithoutDiscovery(WithoutService(n))).WithNode(2, n => WithoutDiscovery(WithoutService(n)));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.False(plan.HasActions);
    }

    [Fact]
    public void A_removed_broker_still_in_the_gateway_name_leaves_it_before_its_service_is_deleted()
    {
        var (desired, observed) = Deleted(DataRetention.Retain);
        observed = WithGateway(observed, desired, registered: 2);

        var plan = Planner.Plan(desired, observed, Now);

        var node2 = plan.Teardown.Single(n => n.NodeId == 2);
        Assert.Equal("node-2", Assert.IsType<DeregisterGatewayInstanceAction>(Assert.Single(node2.Actions)).InstanceId);
        Assert.Equal([1, 0], plan.Actions.OfType<DeleteServiceAction>().Select(a => a.NodeId));
    }

    [Fact]
    public void A_node_beyond_the_spec_with_only_someone_elses_resources_under_its_name_is_neither_torn_down_nor_waited_for()
    {
        var (desired, observed) = ScaledDown(from: 4, to: 3, DataRetention.Delete);
        observed = observed.WithNode(3, n => n with
        {
            AccessPoint = Observed<AccessPoint>.Absent,
            DiscoveryService = Observed<DiscoveryService>.Foreign(n.DiscoveryService.Resource!, new Dictionary<string, string>()),
            Service = Observed<EcsService>.Absent,
            CurrentTaskDefinition = null,
            Task = null,
        });

        var plan = Planner.Plan(desired, observed, Now);
        Assert.Empty(plan.Teardown);
        Assert.False(plan.HasActions);

        var noBrokerRuns = observed.WithTopology(null);
        foreach (var id in new[] { 0, 1, 2 })
        {
            noBrokerRuns = noBrokerRuns.WithNode(id, n => n with { Task = n.Task! with { LastStatus = EcsTaskStatus.Pending } });
        }

        Assert.Empty(Planner.Plan(desired, noBrokerRuns, Now).Waiting);
    }
}
