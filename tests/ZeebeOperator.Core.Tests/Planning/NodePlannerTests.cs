using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Planning;

/// <summary>One node's steps on the pure planner: blockers, waits, target groups and what a restart's reason names.</summary>
public sealed class NodePlannerTests
{
    private const string SecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-db-AbCdEf";
    private const string GrpcTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-grpc/0123456789abcdef";
    private static readonly PlanningContext Now = PlanningContext.At(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly DesiredStateRenderer _renderer = new("us-east-1");

    private (DesiredCluster Desired, ObservedCluster Observed) Running(ZeebeClusterDocument running, ZeebeClusterDocument wanted)
    {
        var current = _renderer.Render(running);
        return (_renderer.Render(wanted, current.Bootstrap), ObservedStates.Converged(current));
    }

    private static ZeebeClusterDocument WithTargetGroup(ZeebeClusterDocument spec) =>
        spec with { Spec = spec.Spec with { ClientAccess = new ClientAccessSpec([new TargetGroupSpec(GrpcTargetGroup, 26500)], null) } };

    private static NodePlan NodeOf(ExecutionPlan plan, int nodeId) => plan.Nodes.Single(n => n.NodeId == nodeId);

    /// <summary>The reason of the new revision the restarting broker (the highest node) gets.</summary>
    private static ChangeReason RestartReason(ExecutionPlan plan) =>
        Assert.Single(NodeOf(plan, 2).Actions.OfType<RegisterTaskDefinitionAction>()).Reason;

    private static TagResourceAction? ServiceTagging(ExecutionPlan plan, int nodeId) =>
        NodeOf(plan, nodeId).Actions.OfType<TagResourceAction>().SingleOrDefault(t => t.Kind == TaggedResourceKind.EcsService);

    [Fact]
    public void A_foreign_access_point_with_the_nodes_name_blocks_the_node_and_nothing_is_planned_for_it()
    {
        var (desired, observed) = Running(TestSpecs.Orders(), TestSpecs.Orders());
        observed = observed.WithNode(1, n => n with { AccessPoint = Observed<AccessPoint>.Foreign(n.AccessPoint.Resource!, new Dictionary<string, string>()) });

        var plan = Planner.Plan(desired, observed, Now);

        var blocker = Assert.Single(plan.Blockers);
        Assert.Equal((1, BlockerReason.OwnershipConflict), (blocker.NodeId, blocker.Reason));
        Assert.Contains(observed.Node(1).AccessPoint.Resource!.AccessPointId, blocker.Message, StringComparison.Ordinal);
        Assert.Empty(NodeOf(plan, 1).Actions);
    }

    [Fact]
    public void A_foreign_Cloud_Map_service_with_the_nodes_name_blocks_the_node_and_nothing_is_planned_for_it()
    {
        var (desired, observed) = Running(TestSpecs.Orders(), TestSpecs.Orders());
        observed = observed.WithNode(1, n => n with { DiscoveryService = Observed<DiscoveryService>.Foreign(n.DiscoveryService.Resource!, new Dictionary<string, string>()) });

        var plan = Planner.Plan(desired, observed, Now);

        var blocker = Assert.Single(plan.Blockers);
        Assert.Equal((1, BlockerReason.OwnershipConflict), (blocker.NodeId, blocker.Reason));
        Assert.Empty(NodeOf(plan, 1).Actions);
    }

    [Fact]
    public void A_service_on_another_launch_type_is_refused_rather_than_changed()
    {
        var (desired, observed) = Running(TestSpecs.Orders(), TestSpecs.Orders());
        observed = observed.WithNode(1, n => n with { Service = n.Service with { Resource = n.Service.Resource! with { LaunchType = "EC2" } } });

        var plan = Planner.Plan(desired, observed, Now);

        var blocker = Assert.Single(plan.Blockers);
        Assert.Equal((1, BlockerReason.LaunchTypeChangeRefused), (blocker.NodeId, blocker.Reason));
        Assert.Empty(NodeOf(plan, 1).Actions);
    }

    [Fact]
    public void A_draining_service_makes_its_node_wait()
    {
        var (desired, observed) = Running(TestSpecs.Orders(), TestSpecs.Orders());
        observed = observed.WithNode(1, n => n with { Service = n.Service with { Resource = n.Service.Resource! with { Status = EcsServiceStatus.Draining } } });

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Contains(desired.Nodes[1].BrokerName, NodeOf(plan, 1).WaitingFor, StringComparison.Ordinal);
        Assert.Contains(plan.AllWaits, w => w.Contains(desired.Nodes[1].BrokerName, StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_whose_task_definition_is_gone_gets_a_new_revision_as_a_drift_repair()
    {
        var (desired, observed) = Running(TestSpecs.Orders(), TestSpecs.Orders());
        observed = observed.WithNode(1, n => n with { CurrentTaskDefinition = null });

        var plan = Planner.Plan(desired, observed, Now);

        var register = Assert.Single(NodeOf(plan, 1).Actions.OfType<RegisterTaskDefinitionAction>());
        Assert.True(register.Reason.IsDrift);
    }

    [Fact]
    public void A_node_without_service_or_task_definition_gets_its_first_revision_as_missing_not_as_drift()
    {
        var (desired, observed) = Running(TestSpecs.Orders(), TestSpecs.Orders());
        observed = observed.WithNode(1, n => n with { Service = Observed<EcsService>.Absent, CurrentTaskDefinition = null, Task = null });

        var plan = Planner.Plan(desired, observed, Now);

        var register = Assert.Single(NodeOf(plan, 1).Actions.OfType<RegisterTaskDefinitionAction>());
        Assert.False(register.Reason.IsDrift);
        Assert.Single(NodeOf(plan, 1).Actions.OfType<CreateServiceAction>());
    }

    [Theory]
    [InlineData("another-family", true, true)]
    [InlineData(null, false, true)]
    [InlineData(null, true, false)]
    public void A_revision_not_registered_by_the_operator_for_this_node_is_replaced_as_a_drift_repair(string? family, bool configHash, bool managedBy)
    {
        var (desired, observed) = Running(TestSpecs.Orders(), TestSpecs.Orders());
        observed = observed.WithNode(2, n =>
        {
            var definition = n.CurrentTaskDefinition!.Definition;
            var tags = definition.Tags.ToDictionary();
            tags[TagKeys.ConfigHash] = "0123456789abcdef";
            if (!configHash)
            {
                tags.Remove(TagKeys.ConfigHash);
            }

            if (!managedBy)
            {
                tags.Remove(TagKeys.ManagedBy);
            }

            return n with { CurrentTaskDefinition = n.CurrentTaskDefinition with { Definition = definition with { Family = family ?? definition.Family, Tags = tags } } };
        });

        var plan = Planner.Plan(desired, observed, Now);

        Assert.True(RestartReason(plan).IsDrift);
        Assert.Empty(plan.Held);
    }

    [Fact]
    public void A_revision_of_ours_whose_broker_container_is_missing_is_replaced_as_a_spec_change()
    {
        var (desired, observed) = Running(TestSpecs.Orders(), TestSpecs.Orders());
        observed = observed.WithNode(2, n =>
        {
            var definition = n.CurrentTaskDefinition!.Definition;
            var tags = definition.Tags.ToDictionary();
            tags[TagKeys.ConfigHash] = "0123456789abcdef";
            var containers = definition.ContainerDefinitions.Select(c => c with { Name = "sidecar" }).ToList();
            return n with { CurrentTaskDefinition = n.CurrentTaskDefinition with { Definition = definition with { Tags = tags, ContainerDefinitions = containers } } };
        });

        var plan = Planner.Plan(desired, observed, Now);

        Assert.False(RestartReason(plan).IsDrift);
    }

    [Theory]
    [InlineData(4096, 4096, "cpu")]
    [InlineData(2048, 8192, "memory")]
    public void A_restarts_reason_names_a_cpu_or_memory_change(int cpu, int memory, string named)
    {
        var (desired, observed) = Running(TestSpecs.Orders(), TestSpecs.Orders(cpu: cpu, memory: memory, generation: 2));

        var plan = Planner.Plan(desired, observed, Now);

        var reason = RestartReason(plan);
        Assert.False(reason.IsDrift);
        Assert.Contains(named, reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_restarts_reason_names_the_changed_environment_variable()
    {
        var env = new Dictionary<string, string> { ["JAVA_TOOL_OPTIONS"] = "-XX:MaxRAMPercentage=50", ["ZEEBE_BROKER_DATA_DISKUSAGEREPLICATIONWATERMARK"] = "0.9" };
        var (desired, observed) = Running(TestSpecs.Orders(), TestSpecs.Orders(env: env, generation: 2));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Contains("ZEEBE_BROKER_DATA_DISKUSAGEREPLICATIONWATERMARK", RestartReason(plan).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_restarts_reason_names_a_secret_added_or_removed_but_never_its_ARN(bool before, bool after)
    {
        static ZeebeClusterDocument Spec(bool withSecret, long generation) =>
            TestSpecs.Orders(generation: generation, secrets: withSecret ? new Dictionary<string, string> { ["DB_PASSWORD"] = SecretArn } : null);
        var (desired, observed) = Running(Spec(before, 1), Spec(after, 2));

        var plan = Planner.Plan(desired, observed, Now);

        var reason = RestartReason(plan).ToString();
        Assert.Contains("DB_PASSWORD", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretArn, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_restart_request_does_not_read_as_a_new_restart_request()
    {
        var orders = TestSpecs.Orders();
        var restarted = orders with { Spec = orders.Spec with { RestartedAt = "2026-11-22T08:00:00Z" } };
        var (desired, observed) = Running(restarted, orders with { Metadata = orders.Metadata with { Generation = 2 } });

        var plan = Planner.Plan(desired, observed, Now);

        var reason = RestartReason(plan).ToString();
        Assert.Contains("restart", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("requested at", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restart_for_a_change_no_named_setting_covers_still_gives_a_reason()
    {
        var orders = TestSpecs.Orders();
        var wanted = orders with
        {
            Metadata = orders.Metadata with { Generation = 2 },
            Spec = orders.Spec with { Placement = orders.Spec.Placement with { ExecutionRoleArn = "arn:aws:iam::123456789012:role/zeebe-execution-2" } },
        };
        var (desired, observed) = Running(orders, wanted);

        var plan = Planner.Plan(desired, observed, Now);

        var reason = RestartReason(plan);
        Assert.False(reason.IsDrift);
        Assert.False(string.IsNullOrWhiteSpace(reason.ToString()));
        Assert.Equal([0, 1], plan.Held.Select(h => h.NodeId).Order());
    }

    [Fact]
    public void A_target_group_change_from_the_spec_restarts_one_broker_and_tags_its_service_with_the_new_fingerprint()
    {
        var orders = TestSpecs.Orders();
        var (desired, observed) = Running(orders, WithTargetGroup(orders with { Metadata = orders.Metadata with { Generation = 2 } }));

        var plan = Planner.Plan(desired, observed, Now);

        var update = Assert.Single(NodeOf(plan, 2).Actions.OfType<UpdateServiceAction>());
        Assert.False(update.Reason.IsDrift);
        Assert.Equal(desired.Nodes[2].Service.LoadBalancers, update.Request.LoadBalancers);
        var tagging = ServiceTagging(plan, 2);
        Assert.NotNull(tagging);
        Assert.Equal(DesiredService.TargetGroupsFingerprint(desired.Nodes[2].Service.LoadBalancers), tagging.Tags[TagKeys.TargetGroups]);

        Assert.All(plan.Held, h => Assert.False(h.Change.IsDrift));
        Assert.Equal([0, 1], plan.Held.Select(h => h.NodeId).Order());
        Assert.All(new[] { 0, 1 }, id => Assert.False(ServiceTagging(plan, id)?.Tags.ContainsKey(TagKeys.TargetGroups) ?? false));
    }

    [Fact]
    public void Services_that_have_the_wanted_target_groups_but_no_fingerprint_get_one_without_a_restart()
    {
        var orders = WithTargetGroup(TestSpecs.Orders());
        var (desired, observed) = Running(orders, orders);

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Empty(plan.Held);
        Assert.All(desired.Nodes, node =>
        {
            Assert.Empty(NodeOf(plan, node.NodeId).Actions.OfType<UpdateServiceAction>());
            Assert.Equal(DesiredService.TargetGroupsFingerprint(node.Service.LoadBalancers), ServiceTagging(plan, node.NodeId)?.Tags[TagKeys.TargetGroups]);
        });
    }

    [Fact]
    public void Removing_the_target_groups_from_the_spec_sets_the_fingerprint_of_none_on_the_restarting_brokers_service()
    {
        var withTargets = WithTargetGroup(TestSpecs.Orders());
        var current = _renderer.Render(withTargets);
        var observed = ObservedStates.Converged(current);
        foreach (var node in current.Nodes)
        {
            observed = observed.WithNode(node.NodeId, n =>
            {
                var tags = node.Service.CreationTags;
                return n with { Service = Observed<EcsService>.Owned(n.Service.Resource! with { Tags = tags }, tags) };
            });
        }

        var orders = TestSpecs.Orders(generation: 2);
        var desired = _renderer.Render(orders, current.Bootstrap);

        var plan = Planner.Plan(desired, observed, Now);

        Assert.False(Assert.Single(NodeOf(plan, 2).Actions.OfType<UpdateServiceAction>()).Reason.IsDrift);
        Assert.Equal(DesiredService.TargetGroupsFingerprint([]), ServiceTagging(plan, 2)?.Tags[TagKeys.TargetGroups]);
    }
}
