using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>The operator against the simulated AWS: what a user sees when they commit a spec.</summary>
public sealed class ReconcileScenarioTests : IDisposable
{
    private const string EcsCluster = "camunda";
    private static readonly string[] AwsServices = ["ecs", "servicediscovery", "elasticfilesystem"];

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly OperatorHarness _operator;

    public ReconcileScenarioTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions());
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2));
    }

    public void Dispose() => _operator.Dispose();

    private int AwsMutationsSince(long mark) => _aws.Calls.Since(mark).Count(c => c.Mutating && AwsServices.Contains(c.Service));

    private int AwsCallsSince(long mark) => _aws.Calls.Since(mark).Count(c => AwsServices.Contains(c.Service));

    /// <summary>The status the reconciler holds in memory, what <c>run</c> shows.</summary>
    private ClusterStatusCache LatestStatus => _operator.Services.GetRequiredService<ClusterStatusCache>();

    [Fact]
    public async Task An_empty_account_converges_to_a_ready_three_broker_cluster()
    {
        _operator.Commit(TestSpecs.Orders(clusterSize: 3));

        var result = await _operator.ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        var status = (await _operator.StatusAsync())!;
        Assert.True(status.IsReady);
        Assert.Equal(1, status.ObservedGeneration);
        Assert.Equal(ConditionStatus.False, status.Find(ConditionTypes.Degraded)!.Status);
        Assert.Equal([0, 1, 2], status.Nodes.Select(n => n.NodeId));
        Assert.All(status.Nodes, n =>
        {
            Assert.True(n.Ready);
            Assert.Equal($"orders-broker-{n.NodeId}", n.ServiceName);
            Assert.StartsWith("fsap-", n.AccessPointId, StringComparison.Ordinal);
            Assert.NotNull(n.RunningTaskArn);
            Assert.Equal(EcsTaskStatus.Running, n.TaskStatus);
            Assert.NotEmpty(_aws.ServiceDiscovery.ResolveDns(n.DnsName));
        });
        Assert.Equal(3, _aws.Efs.AllAccessPoints().Count);
        Assert.Equal(3, _aws.Ecs.ListServices(EcsCluster).Count);
    }

    [Fact]
    public async Task The_status_written_after_a_pass_shows_what_that_pass_created()
    {
        _operator.Commit(TestSpecs.Orders(clusterSize: 3));

        await _operator.ReconcileAsync();

        var status = (await _operator.StatusAsync())!;
        var services = _aws.Ecs.ListServices(EcsCluster);
        var accessPoints = _aws.Efs.AllAccessPoints();
        var discovery = await _aws.ServiceDiscovery.ListServicesAsync("ns-abcdef0123456789", default);
        Assert.Equal(3, status.Nodes.Count);
        Assert.All(status.Nodes, n =>
        {
            var service = services.Single(s => s.ServiceName == $"orders-broker-{n.NodeId}");
            Assert.Equal((service.ServiceName, service.Status, service.TaskDefinition), (n.ServiceName, n.ServiceStatus, n.TaskDefinitionArn));
            Assert.Equal(accessPoints.Single(a => a.Tags[TagKeys.NodeId] == $"{n.NodeId}").AccessPointId, n.AccessPointId);
            Assert.Equal(discovery.Single(d => d.Name == $"orders-broker-{n.NodeId}").Id, n.DiscoveryServiceId);
            Assert.False(n.Ready);
        });
        var ready = status.Find(ConditionTypes.Ready)!;
        Assert.Equal("BrokersNotReady", ready.Reason);
        Assert.DoesNotContain("no service yet", ready.Message, StringComparison.Ordinal);
        Assert.Contains("node 0 (no task yet)", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_reconcile_of_a_converged_cluster_changes_nothing()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var writes = _aws.Status.AcceptedWrites;
        var mark = _aws.Calls.Mark();

        var result = await _operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal(0, AwsMutationsSince(mark));
        Assert.Equal(writes, _aws.Status.AcceptedWrites);
        Assert.DoesNotContain(_aws.Audit.All, a => a.Timestamp > _time.GetUtcNow());
    }

    [Fact]
    public async Task Every_mutating_call_is_audited_with_intent_before_and_outcome_after()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();

        var audit = _aws.Audit.All;
        var mutations = _aws.Calls.Mutating.Where(c => AwsServices.Contains(c.Service)).ToList();
        var operations = audit.GroupBy(a => a.OperationId).ToList();

        Assert.Equal(mutations.Count, operations.Count);
        Assert.All(operations, op =>
        {
            Assert.Equal([Audit.AuditPhase.Intent, Audit.AuditPhase.Succeeded], op.OrderBy(a => a.Phase).Select(a => a.Phase));
            Assert.All(op, a => Assert.Equal(1, a.Generation));
        });
        Assert.Equal(3, audit.Count(a => a.Action == "ecs:CreateService" && a.Phase == Audit.AuditPhase.Succeeded));
    }

    [Fact]
    public async Task Owned_resources_that_already_exist_are_adopted_not_duplicated()
    {
        var document = TestSpecs.Orders();
        var desired = new DesiredStateRenderer("us-east-1").Render(document);
        await _aws.Efs.CreateAccessPointAsync(desired.Nodes[0].AccessPoint.ToRequest("earlier-run-ap"), CancellationToken.None);
        await _aws.ServiceDiscovery.CreateServiceAsync(desired.Nodes[1].DiscoveryService.ToRequest("earlier-run-sd"), CancellationToken.None);
        _operator.Commit(document);
        var mark = _aws.Calls.Mark();

        await _operator.ConvergeAsync();

        Assert.True((await _operator.StatusAsync())!.IsReady);
        Assert.Equal(3, _aws.Efs.AllAccessPoints().Count);
        Assert.Equal(2, _aws.Calls.Since(mark).Count(c => c.Action == "elasticfilesystem:CreateAccessPoint"));
        // Two brokers' Cloud Map services and the gateway's.
        Assert.Equal(3, _aws.Calls.Since(mark).Count(c => c.Action == "servicediscovery:CreateService"));
        Assert.Equal(4, (await _aws.ServiceDiscovery.ListServicesAsync("ns-abcdef0123456789", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_foreign_service_with_our_name_is_left_untouched_and_reported()
    {
        var foreignDefinition = await _aws.Ecs.RegisterTaskDefinitionAsync(
            new DesiredStateRenderer("us-east-1").Render(TestSpecs.Orders()).Nodes[1].TaskDefinition.For("fsap-00000000000000000") with
            {
                Family = "someone-elses",
                Tags = new Dictionary<string, string> { ["owner"] = "platform-team" },
            },
            CancellationToken.None);
        var foreign = await _aws.Ecs.CreateServiceAsync(new CreateServiceRequest(
            "foreign", EcsCluster, "orders-broker-1", foreignDefinition.Arn, 2, "FARGATE", [],
            new AwsVpcConfiguration(["subnet-0a1b2c3d4e5f60718"], ["sg-0a1b2c3d4e5f60718"], false),
            new DeploymentConfiguration(200, 100, new DeploymentCircuitBreaker(false, false)), [], [], null, false, "NONE",
            new Dictionary<string, string> { ["owner"] = "platform-team" }), CancellationToken.None);
        _operator.Commit(TestSpecs.Orders());

        var result = await _operator.ConvergeAsync();

        var status = (await _operator.StatusAsync())!;
        var degraded = status.Find(ConditionTypes.Degraded)!;
        Assert.Equal(ConditionStatus.True, degraded.Status);
        Assert.Equal("OwnershipConflict", degraded.Reason);
        Assert.Contains("orders-broker-1", degraded.Message, StringComparison.Ordinal);
        Assert.False(status.IsReady);
        Assert.Equal(ReconcileOutcome.Blocked, result.Outcome);

        var after = (await _aws.Ecs.DescribeServicesAsync(EcsCluster, ["orders-broker-1"], CancellationToken.None)).Single();
        Assert.Equal(foreign.TaskDefinition, after.TaskDefinition);
        Assert.Equal(2, after.DesiredCount);
        Assert.Equal(foreign.Tags, after.Tags);
        Assert.True(status.Nodes.Single(n => n.NodeId == 0).Ready);
        Assert.True(status.Nodes.Single(n => n.NodeId == 2).Ready);
    }

    [Fact]
    public async Task An_invalid_spec_makes_no_aws_call_and_says_what_is_wrong()
    {
        _operator.CommitRaw("orders", SpecSerializer.ToJson(TestSpecs.Orders()).Replace("\"replicationFactor\": 3", "\"replicationFactor\": 5", StringComparison.Ordinal));
        var mark = _aws.Calls.Mark();

        var result = await _operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.Blocked, result.Outcome);
        Assert.Equal(0, AwsCallsSince(mark));
        var degraded = (await _operator.StatusAsync())!.Find(ConditionTypes.Degraded)!;
        Assert.Equal("InvalidSpec", degraded.Reason);
        Assert.Contains("spec.replicationFactor", degraded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_spec_leaves_the_running_cluster_as_it_was()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        _operator.CommitRaw("orders", "{ \"apiVersion\": \"zeebe.camunda.io/v1alpha1\", ");
        var mark = _aws.Calls.Mark();

        await _operator.ReconcileAsync();

        Assert.Equal(0, AwsCallsSince(mark));
        var status = (await _operator.StatusAsync())!;
        Assert.Equal("InvalidSpec", status.Find(ConditionTypes.Degraded)!.Reason);
        Assert.True(status.IsReady);
        Assert.Equal(1, status.ObservedGeneration);
        Assert.Equal(3, _aws.Ecs.ListServices(EcsCluster).Count(s => s.IsActive && s.DesiredCount == 1));
    }

    [Fact]
    public async Task A_missing_spec_never_tears_anything_down()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        _aws.Specs.Delete(SpecKeys.KeyFor("orders"));
        var mark = _aws.Calls.Mark();

        var result = await _operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.Blocked, result.Outcome);
        Assert.Equal(0, AwsMutationsSince(mark));
        Assert.Equal("SpecMissing", (await _operator.StatusAsync())!.Find(ConditionTypes.Degraded)!.Reason);
        Assert.Equal(3, _aws.Ecs.ListServices(EcsCluster).Count(s => s.IsActive));
    }

    [Fact]
    public async Task A_stopped_broker_task_is_replaced_and_status_follows()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var node1 = (await _operator.StatusAsync())!.Nodes[1];

        _aws.Ecs.StopTask(EcsCluster, node1.RunningTaskArn!, "Host EC2 instance terminated");
        await _operator.ReconcileAsync();

        var degradedView = (await _operator.StatusAsync())!;
        Assert.False(degradedView.IsReady);
        Assert.False(degradedView.Nodes[1].Ready);

        await _operator.ConvergeAsync();

        var healed = (await _operator.StatusAsync())!;
        Assert.True(healed.IsReady);
        Assert.NotEqual(node1.RunningTaskArn, healed.Nodes[1].RunningTaskArn);
        Assert.Equal(1, _aws.Ecs.PeakTaskCount(EcsCluster, "orders-broker-1"));
    }

    [Fact]
    public async Task It_converges_through_throttling_and_transient_errors_without_duplicates()
    {
        _aws.Faults.Configure(new FaultOptions(Seed: 7, ThrottleRate: 0.2, ServerErrorRate: 0.1));
        _operator.Commit(TestSpecs.Orders());

        var result = await _operator.ConvergeAsync(maxPasses: 200);

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Contains(_operator.Results, r => r.Outcome == ReconcileOutcome.Failed);
        Assert.True(_aws.Calls.CountFailed() > 0);
        Assert.Equal(3, _aws.Efs.AllAccessPoints().Count);
        Assert.Equal(3, _aws.Ecs.ListServices(EcsCluster).Count);
        Assert.Equal(["orders-broker-0", "orders-broker-1", "orders-broker-2", "orders-gateway"], _aws.ServiceDiscovery.AllServices().Select(s => s.Service.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Plan_lists_what_would_be_done_without_doing_it()
    {
        var mark = _aws.Calls.Mark();

        var plan = await _operator.Planner.PreviewAsync(TestSpecs.Orders(), CancellationToken.None);

        Assert.Equal(0, AwsMutationsSince(mark));
        Assert.Equal(13, plan.Steps.Count);
        Assert.Contains(plan.Steps, s => s.ToString() == "node 0: create Cloud Map gateway service orders-gateway (Missing)");
        Assert.Contains(plan.Steps, s => s.ToString() == "node 0: create EFS access point orders-broker-0 at /zeebe/orders/node-0 (Missing)");
    }

    [Fact]
    public async Task The_latest_status_is_the_one_stored()
    {
        _operator.Commit(TestSpecs.Orders());

        await _operator.ConvergeAsync();

        var stored = (await _operator.StatusAsync())!;
        var latest = LatestStatus.Find("orders");
        Assert.NotNull(latest);
        Assert.True(latest.IsReady);
        Assert.True(latest.SameAs(stored));
    }

    [Fact]
    public async Task A_reconcile_that_changes_nothing_signals_no_change()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var changed = LatestStatus.Changed;

        await _operator.ReconcileAsync();

        Assert.False(changed.IsCompleted);
    }

    [Fact]
    public async Task A_status_the_store_refuses_as_stale_is_not_shown_the_newer_one_is()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var stored = (await _operator.StatusAsync())!;
        var newer = stored with
        {
            ObservedGeneration = stored.ObservedGeneration + 5,
            Conditions = [.. stored.Conditions.Select(c => c.Type == ConditionTypes.Ready ? c with { Status = ConditionStatus.False, Reason = "WrittenElsewhere" } : c)],
        };
        Assert.Equal(ZeebeOperator.Core.Ports.StatusWriteResult.Written, await _aws.Status.PutAsync(newer, fence: null, CancellationToken.None));

        await _operator.ReconcileAsync();

        Assert.Equal(newer.ObservedGeneration, LatestStatus.Find("orders")!.ObservedGeneration);
        Assert.Equal("WrittenElsewhere", LatestStatus.Find("orders")!.Find(ConditionTypes.Ready)!.Reason);
    }
}
