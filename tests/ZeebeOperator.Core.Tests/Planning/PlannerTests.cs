using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Planning;

public sealed class PlannerTests
{
    private static readonly PlanningContext Now = PlanningContext.At(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly DesiredStateRenderer _renderer = new("us-east-1");

    [Fact]
    public void An_empty_account_gets_every_resource_in_dependency_order()
    {
        var desired = _renderer.Render(TestSpecs.Orders(clusterSize: 3));

        var plan = Planner.Plan(desired, ObservedStates.Empty(desired), Now);

        Assert.Empty(plan.Blockers);
        foreach (var node in plan.Nodes)
        {
            Assert.Collection(
                node.Actions,
                a => Assert.IsType<CreateAccessPointAction>(a),
                a => Assert.IsType<CreateDiscoveryServiceAction>(a),
                a => Assert.IsType<RegisterTaskDefinitionAction>(a),
                a => Assert.IsType<CreateServiceAction>(a));
        }

        Assert.Equal(12, plan.ToPreview().Steps.Count);
        Assert.Equal("node 1: create ECS service orders-broker-1 (Missing)", plan.ToPreview().Steps[7].ToString());
    }

    [Fact]
    public void A_converged_cluster_needs_nothing()
    {
        var desired = _renderer.Render(TestSpecs.Orders());

        var plan = Planner.Plan(desired, ObservedStates.Converged(desired), Now);

        Assert.False(plan.HasActions);
        Assert.True(plan.ToPreview().IsEmpty);
    }

    [Fact]
    public void A_foreign_service_with_our_name_blocks_only_its_node_and_is_never_touched()
    {
        var desired = _renderer.Render(TestSpecs.Orders());
        var observed = ObservedStates.Empty(desired).WithNode(1, n => n with
        {
            Service = Observed<EcsService>.Foreign(ObservedStates.ConvergedNode(desired.Nodes[1]).Service.Resource! with { Tags = new Dictionary<string, string>() }, new Dictionary<string, string>()),
        });

        var plan = Planner.Plan(desired, observed, Now);

        var blocker = Assert.Single(plan.Blockers);
        Assert.Equal(1, blocker.NodeId);
        Assert.Equal(BlockerReason.OwnershipConflict, blocker.Reason);
        Assert.Contains("orders-broker-1", blocker.Message, StringComparison.Ordinal);
        Assert.Empty(plan.Nodes[1].Actions);
        Assert.NotEmpty(plan.Nodes[0].Actions);
        Assert.NotEmpty(plan.Nodes[2].Actions);
    }

    [Fact]
    public void An_image_change_restarts_only_the_highest_node_first()
    {
        var before = _renderer.Render(TestSpecs.Orders(image: "camunda/camunda:8.8.3"));
        var after = _renderer.Render(TestSpecs.Orders(image: "camunda/camunda:8.8.4", generation: 2));

        var plan = Planner.Plan(after, ObservedStates.Converged(before), Now);

        Assert.Collection(
            plan.Nodes[2].Actions,
            a => Assert.Equal(new ChangeReason.SpecChange("image camunda/camunda:8.8.3 -> camunda/camunda:8.8.4"), Assert.IsType<RegisterTaskDefinitionAction>(a).Reason),
            a => Assert.True(Assert.IsType<UpdateServiceAction>(a).UseRegisteredTaskDefinition),
            a =>
            {
                var prune = Assert.IsType<PruneTaskDefinitionsAction>(a);
                Assert.True(prune.KeepNewest);
                Assert.Equal(["arn:aws:ecs:us-east-1:000000000000:task-definition/orders-broker-2:1"], prune.InUse);
                Assert.Equal("node 2: deregister unused ECS task definitions of orders-broker-2 (Replaced)", prune.Describe().ToString());
            });
        Assert.Empty(plan.Nodes[0].Actions);
        Assert.Empty(plan.Nodes[1].Actions);
        Assert.Equal([0, 1], plan.Held.Select(h => h.NodeId).Order());
    }

    [Fact]
    public void A_changed_desired_count_is_set_back_without_a_new_revision()
    {
        var desired = _renderer.Render(TestSpecs.Orders());
        var observed = ObservedStates.Converged(desired).WithNode(2, n => n with
        {
            Service = Observed<EcsService>.Owned(n.Service.Resource! with { DesiredCount = 0 }, n.Service.Tags),
        });

        var plan = Planner.Plan(desired, observed, Now);

        var update = Assert.IsType<UpdateServiceAction>(Assert.Single(plan.Actions));
        Assert.Equal(2, update.NodeId);
        Assert.Equal(1, update.Request.DesiredCount);
        Assert.False(update.UseRegisteredTaskDefinition);
        Assert.Null(update.Request.TaskDefinition);
    }

    [Fact]
    public void A_moved_data_directory_is_refused_rather_than_replacing_the_access_point()
    {
        var desired = _renderer.Render(TestSpecs.Orders());
        var observed = ObservedStates.Converged(desired).WithNode(0, n => n with
        {
            AccessPoint = Observed<AccessPoint>.Owned(n.AccessPoint.Resource! with { RootPath = "/elsewhere/node-0" }, n.AccessPoint.Tags),
        });

        var plan = Planner.Plan(desired, observed, Now);

        Assert.Equal(BlockerReason.StorageChangeRefused, Assert.Single(plan.Blockers).Reason);
        Assert.False(plan.HasActions);
    }

    [Fact]
    public void Missing_labels_are_added_as_tags_without_touching_anything_else()
    {
        var desired = _renderer.Render(TestSpecs.Orders(labels: new Dictionary<string, string> { ["team"] = "payments", ["cost-center"] = "42" }));
        var observed = ObservedStates.Converged(_renderer.Render(TestSpecs.Orders()));

        var plan = Planner.Plan(desired, observed, Now);

        Assert.All(plan.Actions, a => Assert.IsType<TagResourceAction>(a));
        Assert.Equal(12, plan.Actions.Count());
        Assert.All(plan.Actions.Cast<TagResourceAction>(), t => Assert.Equal("42", t.Tags["cost-center"]));
        Assert.All(Enum.GetValues<TaggedResourceKind>(), kind => Assert.Equal(3, plan.Actions.Cast<TagResourceAction>().Count(t => t.Kind == kind)));
    }
}
