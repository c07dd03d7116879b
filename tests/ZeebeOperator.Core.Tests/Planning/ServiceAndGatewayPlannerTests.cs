using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Tests.Planning;

/// <summary>Which fields an ECS service update sends and why, tag repairs, and the gateway name's membership, on the pure planner.</summary>
public sealed class ServiceAndGatewayPlannerTests
{
    private const string GrpcTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-grpc/0123456789abcdef";
    private const string RestTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-rest/0123456789abcdef";
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly PlanningContext Now = PlanningContext.At(Noon);
    private readonly DesiredStateRenderer _renderer = new("us-east-1");

    private (DesiredCluster Desired, ObservedCluster Observed) Converged(ZeebeClusterDocument? spec = null)
    {
        var desired = _renderer.Render(spec ?? TestSpecs.Orders());
        return (desired, ObservedStates.Converged(desired));
    }

    private static ZeebeClusterDocument WithTargetGroups(params string[] targetGroups) =>
        TestSpecs.Orders(clientAccess: new ClientAccessSpec([.. targetGroups.Select(t => new TargetGroupSpec(t, 26500))], null));

    private static ZeebeClusterDocument OnCapacityProvider(string provider)
    {
        var spec = TestSpecs.Orders();
        return spec with { Spec = spec.Spec with { Placement = spec.Spec.Placement with { CapacityProvider = provider } } };
    }

    private static ObservedCluster WithService(ObservedCluster observed, int nodeId, Func<EcsService, EcsService> change) =>
        observed.WithNode(nodeId, n => n with { Service = n.Service with { Resource = change(n.Service.Resource!) } });

    private static UpdateServiceAction UpdateOf(ExecutionPlan plan, int nodeId) =>
        plan.Nodes.Single(n => n.NodeId == nodeId).Actions.OfType<UpdateServiceAction>().Single();

    private static NodePlan NodeOf(ExecutionPlan plan, int nodeId) => plan.Nodes.Single(n => n.NodeId == nodeId);

    private static ObservedCluster WithGateway(ObservedCluster observed, DesiredCluster desired, IReadOnlyDictionary<string, string>? tags = null, params (int NodeId, string Ipv4)[] registered)
    {
        var service = new DiscoveryService("srv-gateway00000000", "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-gateway00000000",
            desired.Gateway.Name, desired.Gateway.NamespaceId, desired.Gateway.DnsTtlSeconds, desired.Gateway.Description);
        return observed with
        {
            Gateway = new ObservedGateway(
                Observed<DiscoveryService>.Owned(service, tags ?? desired.Gateway.Tags),
                [.. registered.Select(r => new ServiceInstance(ObservedGateway.InstanceIdOf(r.NodeId), new Dictionary<string, string> { [ServiceInstance.Ipv4Attribute] = r.Ipv4 }))]),
        };
    }

    /// <summary>Every broker ready and registered in the gateway name at its task's address (10.0.0.1), but those left out.</summary>
    private (DesiredCluster Desired, ObservedCluster Observed) InGateway(ZeebeClusterDocument? spec = null, int[]? leftOut = null, int[]? notReady = null)
    {
        var (desired, observed) = Converged(spec);
        var readiness = desired.NodeIds.Where(id => !(notReady ?? []).Contains(id)).ToDictionary(id => id, _ => HealthReport.Up);
        observed = observed with { Zeebe = observed.Zeebe with { Readiness = readiness } };
        return (desired, WithGateway(observed, desired, null, [.. desired.NodeIds.Where(id => !(leftOut ?? []).Contains(id)).Order().Select(id => (id, "10.0.0.1"))]));
    }

    private static ObservedCluster Stopped(ObservedCluster observed, int nodeId) =>
        observed.WithNode(nodeId, n => n with { Task = n.Task! with { LastStatus = EcsTaskStatus.Pending } });

    private static PlanningContext WithPrevious(DesiredCluster desired, ObservedCluster observed, int nodeId, bool inGateway, DateTimeOffset requestedAt)
    {
        var node = observed.Node(nodeId);
        var status = new NodeStatus(nodeId, desired.Nodes[nodeId].DnsName, desired.Nodes[nodeId].BrokerName, "ACTIVE", node.Service.Resource!.TaskDefinition,
            node.Task!.TaskArn, "RUNNING", node.AccessPoint.Resource!.AccessPointId, node.DiscoveryService.Resource!.Id, Ready: true,
            InGateway: inGateway, GatewayRequestedAt: requestedAt, Address: "10.0.0.1");
        return Now with { Previous = new ClusterStatus("orders", 1, "\"e\"", [], [status], Noon) };
    }

    [Fact]
    public void A_changed_environment_names_every_added_and_removed_variable_sorted_by_name()
    {
        var (running, observed) = Converged();
        var desired = _renderer.Render(TestSpecs.Orders(env: new Dictionary<string, string> { ["AAA_FLAG"] = "on" }, generation: 2), running.Bootstrap);

        var plan = Planner.Plan(desired, observed, Now);

        var reason = plan.Actions.OfType<RegisterTaskDefinitionAction>().Single().Reason.ToString();
        Assert.Contains("AAA_FLAG", reason, StringComparison.Ordinal);
        Assert.Contains("JAVA_TOOL_OPTIONS", reason, StringComparison.Ordinal);
        Assert.True(reason.IndexOf("AAA_FLAG", StringComparison.Ordinal) < reason.IndexOf("JAVA_TOOL_OPTIONS", StringComparison.Ordinal));
    }

    [Fact]
    public void A_spec_change_of_the_task_definition_is_told_by_its_registration_and_the_service_update_only_names_the_task_definition()
    {
        var (running, observed) = Converged();
        var desired = _renderer.Render(TestSpecs.Orders(env: new Dictionary<string, string> { ["AAA_FLAG"] = "on" }, generation: 2), running.Bootstrap);

        var update = UpdateOf(Planner.Plan(desired, observed, Now), 2);

        Assert.True(update.UseRegisteredTaskDefinition);
        Assert.False(update.Reason.IsDrift);
        Assert.Contains("task definition", update.Reason.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AAA_FLAG", update.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_deployment_configuration_is_set_back_as_a_spec_change_without_a_restart()
    {
        var (desired, observed) = Converged();
        observed = WithService(observed, 1, s => s with { DeploymentConfiguration = s.DeploymentConfiguration with { MaximumPercent = 200 } });

        var update = UpdateOf(Planner.Plan(desired, observed, Now), 1);

        Assert.Equal(desired.Nodes[1].Service.DeploymentConfiguration, update.Request.DeploymentConfiguration);
        Assert.Null(update.Request.NetworkConfiguration);
        Assert.Null(update.Request.LoadBalancers);
        Assert.False(update.RestartsBroker);
        Assert.False(update.Reason.IsDrift);
        Assert.Contains("deployment", update.Reason.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> NetworkDrifts => ["public ip", "subnets", "security groups", "none"];

    [Theory]
    [MemberData(nameof(NetworkDrifts))]
    public void Any_difference_in_the_network_configuration_sends_the_desired_one(string what)
    {
        var (desired, observed) = Converged();
        observed = WithService(observed, 1, s => s with
        {
            NetworkConfiguration = what switch
            {
                "public ip" => s.NetworkConfiguration! with { AssignPublicIp = true },
                "subnets" => s.NetworkConfiguration! with { Subnets = ["subnet-0a1b2c3d4e5f60718"] },
                "security groups" => s.NetworkConfiguration! with { SecurityGroups = ["sg-0a1b2c3d4e5f60718", "sg-1a1b2c3d4e5f60718"] },
                _ => null,
            },
        });

        var update = UpdateOf(Planner.Plan(desired, observed, Now), 1);

        Assert.Equal(desired.Nodes[1].Service.NetworkConfiguration, update.Request.NetworkConfiguration);
        Assert.Null(update.Request.DeploymentConfiguration);
        Assert.Contains("network", update.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_subnets_and_security_groups_in_another_order_need_no_update()
    {
        var (desired, observed) = Converged();
        observed = WithService(observed, 1, s => s with { NetworkConfiguration = s.NetworkConfiguration! with { Subnets = [.. s.NetworkConfiguration.Subnets.Reverse()] } });

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void A_changed_capacity_provider_strategy_is_set_to_the_specs_one()
    {
        var (desired, observed) = Converged(OnCapacityProvider("FARGATE_SPOT"));
        observed = WithService(observed, 1, s => s with { CapacityProviderStrategy = [new CapacityProviderStrategyItem("FARGATE", 1, 0)] });

        var update = UpdateOf(Planner.Plan(desired, observed, Now), 1);

        Assert.Equal(desired.Nodes[1].Service.CapacityProviderStrategy, update.Request.CapacityProviderStrategy);
        Assert.False(update.Reason.IsDrift);
        Assert.Contains("capacity provider", update.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_on_the_specs_capacity_provider_is_left_alone()
    {
        var (desired, observed) = Converged(OnCapacityProvider("FARGATE_SPOT"));
        Assert.NotEmpty(desired.Nodes[1].Service.CapacityProviderStrategy);

        Assert.Empty(Planner.Plan(desired, observed, Now).Actions);
    }

    [Fact]
    public void A_capacity_provider_strategy_on_a_service_is_not_touched_when_the_spec_names_none()
    {
        var (desired, observed) = Converged();
        observed = WithService(observed, 1, s => s with { CapacityProviderStrategy = [new CapacityProviderStrategyItem("FARGATE", 1, 0)] });

        Assert.Empty(Planner.Plan(desired, observed, Now).Actions);
    }

    public static TheoryData<string> RegistryDrifts => ["none", "another"];

    [Theory]
    [MemberData(nameof(RegistryDrifts))]
    public void A_service_without_its_nodes_Cloud_Map_registry_gets_it_back_as_a_drift_repair(string registries)
    {
        var (desired, observed) = Converged();
        observed = WithService(observed, 1, s => s with
        {
            ServiceRegistries = registries == "none" ? [] : [new ServiceRegistry("arn:aws:servicediscovery:us-east-1:000000000000:service/srv-elsewhere0000000")],
        });

        var update = UpdateOf(Planner.Plan(desired, observed, Now), 1);

        Assert.True(update.SetServiceRegistry);
        Assert.True(update.Reason.IsDrift);
        Assert.Contains("service registry", update.Reason.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("recreated", update.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_that_also_has_its_nodes_registry_needs_no_registry_update()
    {
        var (desired, observed) = Converged();
        observed = WithService(observed, 1, s => s with { ServiceRegistries = [new ServiceRegistry("arn:aws:servicediscovery:us-east-1:000000000000:service/srv-elsewhere0000000"), .. s.ServiceRegistries] });

        Assert.Empty(Planner.Plan(desired, observed, Now).Actions);
    }

    [Fact]
    public void A_recreated_Cloud_Map_service_is_set_on_the_service_and_the_reason_says_it_was_recreated()
    {
        var (desired, observed) = Converged();
        observed = observed.WithNode(1, n => n with { DiscoveryService = Observed<DiscoveryService>.Absent });

        var actions = NodeOf(Planner.Plan(desired, observed, Now), 1).Actions;

        Assert.IsType<CreateDiscoveryServiceAction>(actions[0]);
        var update = actions.OfType<UpdateServiceAction>().Single();
        Assert.True(update.SetServiceRegistry);
        Assert.True(update.Reason.IsDrift);
        Assert.Contains("recreated", update.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_desired_count_repair_sends_no_target_groups_so_the_broker_does_not_restart()
    {
        var (desired, observed) = Converged(WithTargetGroups(GrpcTargetGroup));
        observed = WithService(observed, 1, s => s with { DesiredCount = 0 });

        var update = UpdateOf(Planner.Plan(desired, observed, Now), 1);

        Assert.Equal(1, update.Request.DesiredCount);
        Assert.Null(update.Request.LoadBalancers);
        Assert.Null(update.Request.HealthCheckGracePeriodSeconds);
        Assert.False(update.RestartsBroker);
        Assert.True(update.Reason.IsDrift);
    }

    [Fact]
    public void A_changed_health_check_grace_period_is_set_back_alone_once_the_target_groups_are_in_place()
    {
        var (desired, observed) = Converged(WithTargetGroups(GrpcTargetGroup));
        observed = WithService(observed, 1, s => s with { HealthCheckGracePeriodSeconds = 60 });

        var update = UpdateOf(Planner.Plan(desired, observed, Now), 1);

        Assert.Equal(desired.Nodes[1].Service.HealthCheckGracePeriodSeconds, update.Request.HealthCheckGracePeriodSeconds);
        Assert.Null(update.Request.LoadBalancers);
        Assert.False(update.RestartsBroker);
        Assert.False(update.Reason.IsDrift);
        Assert.Contains("grace period", update.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void New_target_groups_are_sent_with_the_grace_period_even_when_the_service_has_it_already()
    {
        var (running, observed) = Converged(WithTargetGroups(GrpcTargetGroup));
        var desired = _renderer.Render(WithTargetGroups(RestTargetGroup) with { Metadata = new ObjectMeta("orders", 2, new Dictionary<string, string> { ["team"] = "payments" }) }, running.Bootstrap);

        var update = UpdateOf(Planner.Plan(desired, observed, Now), 2);

        Assert.Equal(desired.Nodes[2].Service.LoadBalancers, update.Request.LoadBalancers);
        Assert.Equal(desired.Nodes[2].Service.HealthCheckGracePeriodSeconds, update.Request.HealthCheckGracePeriodSeconds);
        Assert.True(update.RestartsBroker);
    }

    [Fact]
    public void While_a_target_group_change_is_held_the_grace_period_is_not_set_on_the_old_target_groups()
    {
        var (running, observed) = Converged(WithTargetGroups(GrpcTargetGroup));
        observed = WithService(observed, 1, s => s with { HealthCheckGracePeriodSeconds = 60 });
        var desired = _renderer.Render(WithTargetGroups(RestTargetGroup) with { Metadata = new ObjectMeta("orders", 2, new Dictionary<string, string> { ["team"] = "payments" }) }, running.Bootstrap);

        var plan = Planner.Plan(desired, observed, Now with { Window = new MaintenanceWindowState(false, Noon.AddHours(6)) });

        Assert.Empty(plan.Actions);
        Assert.Contains(plan.Held, h => h.NodeId == 1);
    }

    [Fact]
    public void Drift_repairs_come_before_spec_changes_in_an_update_reason()
    {
        var (desired, observed) = Converged();
        observed = WithService(observed, 1, s => s with { DeploymentConfiguration = s.DeploymentConfiguration with { MaximumPercent = 200 }, ServiceRegistries = [] });

        var reason = Assert.IsType<ChangeReason.Combined>(UpdateOf(Planner.Plan(desired, observed, Now), 1).Reason);

        Assert.Equal([true, false], reason.Parts.Select(p => p.IsDrift));
    }

    [Theory]
    [InlineData(TagKeys.ManagedBy)]
    [InlineData(TagKeys.Cluster)]
    [InlineData(TagKeys.NodeId)]
    public void Removing_any_ownership_tag_is_repaired_as_drift(string key)
    {
        var (desired, observed) = Converged();
        observed = observed.WithNode(1, n => n with { AccessPoint = n.AccessPoint with { Tags = n.AccessPoint.Tags.Where(t => t.Key != key).ToDictionary() } });

        var tagging = NodeOf(Planner.Plan(desired, observed, Now), 1).Actions.OfType<TagResourceAction>().Single();

        Assert.Equal(TaggedResourceKind.AccessPoint, tagging.Kind);
        Assert.Equal([key], tagging.Tags.Keys);
        Assert.True(tagging.Reason.IsDrift);
    }

    [Fact]
    public void Other_missing_tags_are_a_spec_change_named_in_key_order()
    {
        var (desired, observed) = Converged();
        var tags = desired.Nodes[1].AccessPoint.Tags;
        var (first, second) = ("Name", "team");
        Assert.True(tags.ContainsKey(first) && tags.ContainsKey(second));
        observed = observed.WithNode(1, n => n with { AccessPoint = n.AccessPoint with { Tags = n.AccessPoint.Tags.Where(t => t.Key != first && t.Key != second).ToDictionary() } });

        var tagging = NodeOf(Planner.Plan(desired, observed, Now), 1).Actions.OfType<TagResourceAction>().Single();

        Assert.False(tagging.Reason.IsDrift);
        var text = tagging.Reason.ToString();
        Assert.Contains(first, text, StringComparison.Ordinal);
        Assert.True(text.IndexOf(first, StringComparison.Ordinal) < text.IndexOf(second, StringComparison.Ordinal));
    }

    [Fact]
    public void Brokers_running_ready_and_registered_at_their_address_need_nothing_and_wait_for_nothing()
    {
        var (desired, observed) = InGateway();

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.AllWaits);
    }

    [Fact]
    public void A_ready_broker_missing_from_the_gateway_name_is_registered_at_its_address_without_waiting()
    {
        var (desired, observed) = InGateway(leftOut: [1]);

        var node = NodeOf(Planner.Plan(desired, observed, Now), 1);

        var register = Assert.IsType<RegisterGatewayInstanceAction>(Assert.Single(node.Actions));
        Assert.Equal("10.0.0.1", register.Ipv4);
        Assert.False(register.Reason.IsDrift);
        Assert.Null(node.WaitingFor);
    }

    [Fact]
    public void A_broker_registered_at_an_old_address_is_registered_again_and_the_reason_names_the_old_address()
    {
        var (desired, observed) = InGateway(leftOut: [1]);
        observed = observed with { Gateway = observed.Gateway! with { Instances = [.. observed.Gateway.Instances, new ServiceInstance(ObservedGateway.InstanceIdOf(1), new Dictionary<string, string> { [ServiceInstance.Ipv4Attribute] = "10.0.0.99" })] } };

        var register = NodeOf(Planner.Plan(desired, observed, Now), 1).Actions.OfType<RegisterGatewayInstanceAction>().Single();

        Assert.Equal("10.0.0.1", register.Ipv4);
        Assert.Contains("10.0.0.99", register.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_running_broker_that_is_not_ready_leaves_the_gateway_name_without_holding_anything()
    {
        var (desired, observed) = InGateway(notReady: [1]);

        var node = NodeOf(Planner.Plan(desired, observed, Now), 1);

        var deregister = Assert.IsType<DeregisterGatewayInstanceAction>(Assert.Single(node.Actions));
        Assert.Equal(ObservedGateway.InstanceIdOf(1), deregister.InstanceId);
        Assert.Contains("not ready", deregister.Reason.ToString(), StringComparison.Ordinal);
        Assert.Null(node.WaitingFor);
    }

    [Fact]
    public void A_running_broker_that_is_not_ready_is_not_registered_and_its_node_waits_for_it()
    {
        var (desired, observed) = InGateway(leftOut: [1], notReady: [1]);

        var node = NodeOf(Planner.Plan(desired, observed, Now), 1);

        Assert.Empty(node.Actions);
        Assert.Contains(desired.Gateway.Name, node.WaitingFor, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broker_that_stopped_leaves_the_gateway_name_even_if_it_last_reported_ready()
    {
        var (desired, observed) = InGateway();
        observed = Stopped(observed, 1);

        var node = NodeOf(Planner.Plan(desired, observed, Now), 1);

        var deregister = Assert.IsType<DeregisterGatewayInstanceAction>(Assert.Single(node.Actions));
        Assert.Contains("not running", deregister.Reason.ToString(), StringComparison.Ordinal);
        Assert.Null(node.WaitingFor);
    }

    [Fact]
    public void A_stopped_broker_out_of_the_gateway_name_is_neither_registered_nor_waited_for_on_its_account()
    {
        var (desired, observed) = InGateway(leftOut: [1]);
        observed = Stopped(observed, 1);

        var node = NodeOf(Planner.Plan(desired, observed, Now), 1);

        Assert.Empty(node.Actions);
        Assert.Null(node.WaitingFor);
    }

    [Fact]
    public void A_broker_about_to_restart_leaves_the_gateway_name_first_and_restarts_only_once_it_is_out()
    {
        var (running, observed) = InGateway();
        var desired = _renderer.Render(TestSpecs.Orders(env: new Dictionary<string, string> { ["AAA_FLAG"] = "on" }, generation: 2), running.Bootstrap);

        var node = NodeOf(Planner.Plan(desired, observed, Now), 2);

        var deregister = Assert.IsType<DeregisterGatewayInstanceAction>(node.Actions[0]);
        Assert.Contains("restart", deregister.Reason.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(node.Actions, a => a is UpdateServiceAction);
        Assert.Contains(desired.Gateway.Name, node.WaitingFor, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_that_does_not_restart_the_broker_keeps_it_in_the_gateway_name()
    {
        var (desired, observed) = InGateway();
        observed = WithService(observed, 1, s => s with { DesiredCount = 0 });

        var node = NodeOf(Planner.Plan(desired, observed, Now), 1);

        Assert.IsType<UpdateServiceAction>(Assert.Single(node.Actions));
        Assert.Null(node.WaitingFor);
    }

    [Fact]
    public void A_registration_Cloud_Map_does_not_show_yet_is_waited_for_not_asked_again()
    {
        var (desired, observed) = InGateway(leftOut: [1]);
        var context = WithPrevious(desired, observed, 1, inGateway: true, Noon.AddSeconds(-10));

        var node = NodeOf(Planner.Plan(desired, observed, context), 1);

        Assert.Empty(node.Actions);
        Assert.Contains("registering", node.WaitingFor, StringComparison.Ordinal);
        Assert.DoesNotContain("deregistering", node.WaitingFor, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deregistration_Cloud_Map_does_not_show_yet_is_waited_for_not_asked_again()
    {
        var (desired, observed) = InGateway(notReady: [1]);
        var context = WithPrevious(desired, observed, 1, inGateway: false, Noon.AddSeconds(-10));

        var node = NodeOf(Planner.Plan(desired, observed, context), 1);

        Assert.Empty(node.Actions);
        Assert.Contains("deregistering", node.WaitingFor, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gateway_services_missing_tags_are_added_by_the_lowest_node()
    {
        var (desired, observed) = InGateway();
        observed = WithGateway(observed, desired, desired.Gateway.Tags.Where(t => t.Key != TagKeys.Cluster).ToDictionary(), [.. desired.NodeIds.Order().Select(id => (id, "10.0.0.1"))]);

        var tagging = Assert.IsType<TagResourceAction>(Assert.Single(Planner.Plan(desired, observed, Now).Actions));

        Assert.Equal(0, tagging.NodeId);
        Assert.Equal(TaggedResourceKind.DiscoveryService, tagging.Kind);
        Assert.Equal(observed.Gateway!.Service.Resource!.Arn, tagging.ResourceId);
        Assert.Equal([TagKeys.Cluster], tagging.Tags.Keys);
        Assert.True(tagging.Reason.IsDrift);
    }
}
