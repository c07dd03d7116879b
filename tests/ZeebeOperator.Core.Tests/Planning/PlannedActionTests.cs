using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Planning;

/// <summary>What planned actions, reasons and plans say about themselves: restarts, deferrals, audit names, waits, previews.</summary>
public sealed class PlannedActionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly DesiredStateRenderer _renderer = new("us-east-1");

    private static AwsApiException Error(AwsErrorKind kind) => new("servicediscovery", "DeregisterInstance", kind, kind.ToString(), "test");

    [Fact]
    public void A_combined_reason_shows_every_part_and_is_a_drift_repair_when_any_part_is()
    {
        var reason = ChangeReason.AllOf([new ChangeReason.SpecChange("image a -> b"), new ChangeReason.Drift("tags")]);

        Assert.True(reason.IsDrift);
        Assert.Contains("image a -> b", reason.ToString(), StringComparison.Ordinal);
        Assert.Contains("tags", reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_of_one_part_is_that_part()
    {
        var drift = new ChangeReason.Drift("desiredCount");

        Assert.Equal(drift, ChangeReason.AllOf([drift]));
    }

    [Fact]
    public void Creating_a_new_cluster_repairs_no_drift()
    {
        var desired = _renderer.Render(TestSpecs.Orders());

        var plan = Planner.Plan(desired, ObservedStates.Empty(desired), PlanningContext.At(Noon));

        Assert.NotEmpty(plan.Actions);
        Assert.All(plan.Actions, a => Assert.False(a.Reason.IsDrift));
    }

    [Fact]
    public void A_service_update_restarts_the_broker_only_for_a_new_task_definition_or_other_load_balancers()
    {
        var request = new UpdateServiceRequest("camunda", "orders-broker-0", DesiredCount: 1);
        var withLoadBalancers = request with { LoadBalancers = [new LoadBalancer("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/zeebe/1", "zeebe", 26500)] };

        Assert.False(new UpdateServiceAction(0, request, false, false, new ChangeReason.Drift("desiredCount")).RestartsBroker);
        Assert.True(new UpdateServiceAction(0, withLoadBalancers, false, false, new ChangeReason.SpecChange("load balancers")).RestartsBroker);
        Assert.True(new UpdateServiceAction(0, request, true, false, new ChangeReason.SpecChange("image")).RestartsBroker);
    }

    [Fact]
    public void An_instance_already_gone_from_the_gateway_name_defers_its_deregistration_other_errors_do_not()
    {
        var action = new DeregisterGatewayInstanceAction(0, "srv-gateway", "gateway.zeebe.internal", "orders-broker-0", ChangeReason.ScaleDown);

        Assert.True(action.IsDeferral(Error(AwsErrorKind.NotFound)));
        Assert.False(action.IsDeferral(Error(AwsErrorKind.Throttled)));
    }

    [Fact]
    public void A_broker_change_is_audited_and_named_by_its_broker_ids()
    {
        var change = new MembershipChange("orders", MembershipDirection.Add, [3, 4], 0);

        Assert.Contains("3,4", change.AuditResource, StringComparison.Ordinal);
        Assert.Contains("brokers", change.Operation, StringComparison.Ordinal);
        Assert.Contains("3,4", change.Operation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partition_change_is_audited_as_the_cluster_s_partitions_not_as_brokers()
    {
        var change = new MembershipChange("orders", MembershipDirection.ScalePartitions, [0, 1, 2], 0, Partitions: new PartitionScaling(6, 3));

        Assert.Contains("partitions", change.AuditResource, StringComparison.Ordinal);
        Assert.DoesNotContain("brokers", change.AuditResource, StringComparison.Ordinal);
        Assert.Contains("partitions", change.Operation, StringComparison.Ordinal);
        Assert.DoesNotContain("brokers", change.Operation, StringComparison.Ordinal);
    }

    [Fact]
    public void All_waits_of_a_plan_include_the_cluster_s_each_node_s_and_the_backup_s()
    {
        var desired = _renderer.Render(TestSpecs.Orders());
        var start = Planner.Plan(desired, ObservedStates.Converged(desired), PlanningContext.At(Noon)).Nodes[0].Start;
        var backup = BackupPlan.None with { Waiting = "backup waits" };
        var plan = new ExecutionPlan(desired, [new NodePlan(0, start, [], "same wait"), new NodePlan(1, start, [], "node 1 waits")], [new NodePlan(3, start, [], "node 3 stays")], null, [], ["same wait"], [], null, backup);

        Assert.Equal(["same wait", "same wait", "node 1 waits", "node 3 stays", "backup waits"], plan.AllWaits);
    }

    [Fact]
    public void A_preview_is_empty_only_without_steps_and_without_blockers()
    {
        var step = new PlanStep(0, "create", "ECS service", "orders-broker-0", "Missing");

        Assert.True(new PlanPreview("orders", [], []).IsEmpty);
        Assert.False(new PlanPreview("orders", [step], []).IsEmpty);
        Assert.False(new PlanPreview("orders", [], ["node 0: refused"]).IsEmpty);
    }

    [Fact]
    public async Task A_deleted_cluster_s_revisions_are_deregistered_oldest_first()
    {
        var time = new ManualTimeProvider(OperatorHarness.Start);
        var aws = new SimulatedAws(time, new SimulationOptions());
        aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        using var harness = new OperatorHarness(aws, time, ZeebeStub.Members(0, 1, 2));
        foreach (var generation in new[] { 1, 2 })
        {
            harness.Commit(TestSpecs.Orders(generation: generation, image: $"camunda/camunda:8.8.{2 + generation}"));
            await harness.ConvergeAsync();
        }

        var document = TestSpecs.Orders(generation: 3, image: "camunda/camunda:8.8.4");
        harness.Commit(document with { Metadata = document.Metadata with { DeletionRequested = true } });
        await harness.ConvergeAsync();

        var deregistered = aws.Audit.All
            .Where(a => a.Action == "ecs:DeregisterTaskDefinition" && a.NodeId == 1 && a.Phase == AuditPhase.Succeeded)
            .Select(a => a.Resource);
        Assert.Equal(["arn:aws:ecs:us-east-1:000000000000:task-definition/orders-broker-1:1", "arn:aws:ecs:us-east-1:000000000000:task-definition/orders-broker-1:2"], deregistered);
    }

    [Fact]
    public async Task A_deleted_node_s_revisions_all_go_in_the_pass_its_service_goes_the_one_it_ran_included()
    {
        var time = new ManualTimeProvider(OperatorHarness.Start);
        var aws = new SimulatedAws(time, new SimulationOptions());
        aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        using var harness = new OperatorHarness(aws, time, ZeebeStub.Members(0, 1, 2));
        harness.Commit(TestSpecs.Orders());
        await harness.ConvergeAsync();
        var document = TestSpecs.Orders(generation: 2);
        harness.Commit(document with { Metadata = document.Metadata with { DeletionRequested = true } });

        for (var pass = 0; pass < 30 && !aws.Audit.All.Any(a => a.Action == "ecs:DeleteService" && a.NodeId == 1 && a.Phase == AuditPhase.Succeeded); pass++)
        {
            await harness.ReconcileAsync();
            time.Advance(TimeSpan.FromSeconds(5));
            aws.Advance();
        }

        Assert.Contains(aws.Audit.All, a => a.Action == "ecs:DeleteService" && a.NodeId == 1 && a.Phase == AuditPhase.Succeeded);
        Assert.Empty(await aws.Ecs.ListTaskDefinitionsAsync("orders-broker-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_revision_someone_else_registered_in_a_node_s_family_is_described_once_not_on_every_pass()
    {
        var time = new ManualTimeProvider(OperatorHarness.Start);
        var aws = new SimulatedAws(time, new SimulationOptions());
        aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        using var harness = new OperatorHarness(aws, time, ZeebeStub.Members(0, 1, 2));
        harness.Commit(TestSpecs.Orders());
        await harness.ConvergeAsync();
        await aws.Ecs.RegisterTaskDefinitionAsync(
            _renderer.Render(TestSpecs.Orders()).Nodes[1].TaskDefinition.For("fsap-00000000000000001") with { Tags = new Dictionary<string, string> { ["team"] = "someone-else" } },
            CancellationToken.None);
        var document = TestSpecs.Orders(generation: 2);
        harness.Commit(document with { Metadata = document.Metadata with { DeletionRequested = true } });
        for (var pass = 0; pass < 30 && !aws.Audit.All.Any(a => a.Action == "ecs:DeleteService" && a.NodeId == 1 && a.Phase == AuditPhase.Succeeded); pass++)
        {
            await harness.ReconcileAsync();
            time.Advance(TimeSpan.FromSeconds(5));
            aws.Advance();
        }

        var mark = aws.Calls.Mark();
        await harness.ConvergeAsync();

        Assert.Contains(aws.Audit.All, a => a.Action == "servicediscovery:DeleteService" && a.NodeId == 1);
        Assert.DoesNotContain(aws.Calls.Since(mark), c => c.Matches("ecs:DescribeTaskDefinition"));
    }

    [Fact]
    public async Task A_revision_that_is_gone_when_the_prune_describes_it_is_skipped_and_the_deletion_goes_on()
    {
        var ports = new ScriptedPorts();
        using var harness = new ScenarioHarness(ports);
        await harness.ConvergedAsync(TestSpecs.Orders());
        var foreign = await harness.Aws.Ecs.RegisterTaskDefinitionAsync(
            _renderer.Render(TestSpecs.Orders()).Nodes[1].TaskDefinition.For("fsap-00000000000000001") with { Tags = new Dictionary<string, string> { ["team"] = "someone-else" } },
            CancellationToken.None);
        ports.Around("ecs:DescribeTaskDefinition", (call, proceed) => call.TryGetArgument<string>(out var arn) && arn == foreign.Arn
            ? Task.FromException(new AwsApiException("ecs", "DescribeTaskDefinition", AwsErrorKind.NotFound, "ClientException", "Unable to describe task definition."))
            : proceed());
        var document = TestSpecs.Orders(generation: 2);

        harness.Operator.Commit(document with { Metadata = document.Metadata with { DeletionRequested = true } });

        Assert.Equal(ReconcileOutcome.Converged, (await harness.Operator.ConvergeAsync()).Outcome);
        Assert.Equal([foreign.Arn], await harness.Aws.Ecs.ListTaskDefinitionsAsync("orders-broker-1", CancellationToken.None));
    }
}
