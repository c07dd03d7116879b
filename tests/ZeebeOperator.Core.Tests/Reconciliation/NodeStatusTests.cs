using System.Text.RegularExpressions;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Tests.Support;
using static ZeebeOperator.Core.Tests.Support.StatusPass;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>What the status says of each node after a pass: ready or not, its task definition, address and gateway membership.</summary>
public sealed class NodeStatusTests
{
    private static readonly DesiredCluster Orders = Render(TestSpecs.Orders());

    private static Inspection Converged() => Inspect(Orders, ObservedStates.Converged(Orders));

    /// <summary>An image change on a converged cluster: node 2 restarts first, nodes 0 and 1 wait their turn.</summary>
    private static Inspection ImageChange()
    {
        var before = Render(TestSpecs.Orders(image: "camunda/camunda:8.8.3"));
        var after = Render(TestSpecs.Orders(image: "camunda/camunda:8.8.4", generation: 2));
        return Inspect(after, ObservedStates.Converged(before));
    }

    [Fact]
    public void Only_a_node_with_steps_still_to_run_is_not_ready()
    {
        var inspection = ImageChange();
        Assert.NotEmpty(inspection.Plan.Nodes.Single(n => n.NodeId == 2).Actions);

        var status = StatusAfter(inspection);

        Assert.Equal([true, true, false], status.Nodes.OrderBy(n => n.NodeId).Select(n => n.Ready));
    }

    [Fact]
    public void An_update_that_applies_the_registered_revision_shows_it_as_the_node_s_task_definition_at_once()
    {
        var inspection = ImageChange();
        var update = inspection.Plan.Nodes.Single(n => n.NodeId == 2).Actions.OfType<UpdateServiceAction>().Single();
        Assert.True(update.UseRegisteredTaskDefinition);
        const string Registered = "arn:aws:ecs:us-east-1:000000000000:task-definition/orders-broker-2:2";

        var status = StatusAfter(inspection, new ExecutionResult([new ActionOutcome(update, null, After: new NodeContext(null, null, Registered, null))]));

        Assert.Equal(Registered, status.Node(2).TaskDefinitionArn);
    }

    [Fact]
    public void An_update_that_does_not_apply_a_registered_revision_leaves_the_node_s_task_definition_as_the_service_has_it()
    {
        var inspection = ImageChange();
        var update = inspection.Plan.Nodes.Single(n => n.NodeId == 2).Actions.OfType<UpdateServiceAction>().Single() with { UseRegisteredTaskDefinition = false };
        var running = StatusAfter(inspection).Node(2).TaskDefinitionArn;

        var status = StatusAfter(inspection, new ExecutionResult([
            new ActionOutcome(update, null, After: new NodeContext(null, null, "arn:aws:ecs:us-east-1:000000000000:task-definition/orders-broker-2:2", null)),
        ]));

        Assert.Equal(running, status.Node(2).TaskDefinitionArn);
        Assert.EndsWith(":1", running, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_whose_task_stopped_keeps_its_own_last_address()
    {
        var previous = StatusAfter(Converged());
        previous = previous with { Nodes = [.. previous.Nodes.Select(n => n with { Address = $"10.0.0.{10 + n.NodeId}" })] };
        var observed = ObservedStates.Converged(Orders).WithNode(1, n => n with { Task = null });

        var status = StatusAfter(Inspect(Orders, observed, previous), previous: previous);

        Assert.Equal("10.0.0.11", status.Node(1).Address);
        Assert.Equal("10.0.0.1", status.Node(0).Address);
    }

    [Fact]
    public void A_gateway_registration_Cloud_Map_is_still_applying_stays_recorded_for_its_node_only()
    {
        var previous = StatusAfter(Converged());
        var askedAt = Now.AddSeconds(-10);
        previous = previous with { Nodes = [.. previous.Nodes.Select(n => n.NodeId == 1 ? n with { InGateway = true, GatewayRequestedAt = askedAt } : n)] };

        var status = StatusAfter(Inspect(Orders, ObservedStates.Converged(Orders), previous), previous: previous);

        Assert.Equal((true, askedAt), (status.Node(1).InGateway, status.Node(1).GatewayRequestedAt));
        Assert.Equal((false, null), (status.Node(0).InGateway, status.Node(0).GatewayRequestedAt));
    }

    [Fact]
    public void A_node_whose_service_has_no_load_balancer_lists_no_target_groups()
    {
        var status = StatusAfter(Converged());

        Assert.All(status.Nodes, n => Assert.Null(n.TargetGroups));
    }

    [Fact]
    public void Brokers_not_ready_are_named_with_what_they_lack_a_service_or_their_task_s_state()
    {
        var observed = ObservedStates.Converged(Orders)
            .WithNode(0, n => n with { Service = Observed<EcsService>.Absent, Task = null, CurrentTaskDefinition = null })
            .WithNode(1, n => n with { Task = n.Task! with { LastStatus = EcsTaskStatus.Pending } });

        var status = StatusAfter(Inspect(Orders, observed));

        var message = status.Ready().Message;
        Assert.Equal("BrokersNotReady", status.Ready().Reason);
        Assert.Matches(new Regex(@"node 0 \([^)]*service"), message);
        Assert.Matches(new Regex(@"node 1 \([^)]*PENDING"), message);
        Assert.DoesNotMatch(new Regex(@"node 2 \("), message);
    }
}
