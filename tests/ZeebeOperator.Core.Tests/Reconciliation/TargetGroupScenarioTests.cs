using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>
/// Target groups on the brokers' ECS services. ECS replaces a service's task to change its load balancers, so every
/// change (attach, swap, detach, a repair) is a broker restart and goes one broker at a time.
/// </summary>
public sealed class TargetGroupScenarioTests : IDisposable
{
    private const string EcsCluster = ScenarioHarness.EcsCluster;
    private const string Grpc = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-grpc/0123456789abcdef";
    private const string Rest = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-rest/fedcba9876543210";
    private const string Rest2 = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-rest-2/00112233aabbccdd";
    private readonly ScenarioHarness _scenario = new();

    private SimulatedAws Aws => _scenario.Aws;

    private OperatorHarness Operator => _scenario.Operator;

    public void Dispose() => _scenario.Dispose();

    private static ClientAccessSpec Targets(params TargetGroupSpec[] groups) => new(groups, null, 120);

    private IReadOnlyList<EcsService> Services() =>
        [.. Aws.Ecs.ListServices(EcsCluster).Where(s => s.IsActive).OrderBy(s => s.ServiceName, StringComparer.Ordinal)];

    private int BrokersDown() => Services().Count(s => !Aws.Ecs.GetTasks(EcsCluster, s.ServiceName)
        .Any(t => t.LastStatus == EcsTaskStatus.Running && t.DesiredStatus == EcsTaskStatus.Running && t.TaskDefinitionArn == s.TaskDefinition));

    private Task<ReconcileResult> ConvergeOneBrokerAtATimeAsync() => _scenario.ConvergeCheckingAsync(() => Assert.InRange(BrokersDown(), 0, 1));

    private List<string> UpdatesOfGeneration(long generation) =>
        [.. Aws.Audit.All.Where(a => a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Succeeded && a.Generation == generation)
            .OrderBy(a => a.Timestamp).Select(a => a.Resource)];

    [Fact]
    public async Task A_new_cluster_registers_every_broker_in_its_target_groups_from_the_start()
    {
        Operator.Commit(TestSpecs.Orders(clientAccess: Targets(new TargetGroupSpec(Grpc, 26500), new TargetGroupSpec(Rest, 8080))));

        Assert.Equal(ReconcileOutcome.Converged, (await Operator.ConvergeAsync()).Outcome);

        Assert.All(Services(), s =>
        {
            Assert.Equal(new HashSet<LoadBalancer> { new(Grpc, "zeebe", 26500), new(Rest, "zeebe", 8080) }, s.LoadBalancers.ToHashSet());
            Assert.Equal(120, s.HealthCheckGracePeriodSeconds);
        });
        Assert.Equal(3, Aws.Ecs.TargetGroupMembers(Grpc).Count);
        Assert.Empty(UpdatesOfGeneration(1));
        var status = (await Operator.StatusAsync())!;
        Assert.All(status.Nodes, n => Assert.Equal([Grpc, Rest], n.TargetGroups!));
    }

    [Fact]
    public async Task Target_groups_are_attached_changed_and_detached_one_broker_at_a_time()
    {
        Operator.Commit(TestSpecs.Orders());
        await Operator.ConvergeAsync();

        Operator.Commit(TestSpecs.Orders(generation: 2, clientAccess: Targets(new TargetGroupSpec(Grpc, 26500), new TargetGroupSpec(Rest, 8080))));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeOneBrokerAtATimeAsync()).Outcome);
        Assert.Equal(["orders-broker-2", "orders-broker-1", "orders-broker-0"], UpdatesOfGeneration(2));
        Assert.All(Services(), s => Assert.Equal(2, s.LoadBalancers.Count));
        Assert.Equal(3, Aws.Ecs.TargetGroupMembers(Rest).Count);

        Operator.Commit(TestSpecs.Orders(generation: 3, clientAccess: Targets(new TargetGroupSpec(Grpc, 26500), new TargetGroupSpec(Rest2, 8080))));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeOneBrokerAtATimeAsync()).Outcome);
        Assert.Equal(["orders-broker-2", "orders-broker-1", "orders-broker-0"], UpdatesOfGeneration(3));
        Assert.Empty(Aws.Ecs.TargetGroupMembers(Rest));
        Assert.Equal(3, Aws.Ecs.TargetGroupMembers(Rest2).Count);
        var swap = Aws.Audit.All.First(a => a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Intent && a.Generation == 3);
        Assert.Contains("target groups +orders-rest-2:8080 -orders-rest:8080", swap.Reason, StringComparison.Ordinal);

        Operator.Commit(TestSpecs.Orders(generation: 4));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeOneBrokerAtATimeAsync()).Outcome);
        Assert.Equal(["orders-broker-2", "orders-broker-1", "orders-broker-0"], UpdatesOfGeneration(4));
        Assert.All(Services(), s =>
        {
            Assert.Empty(s.LoadBalancers);
            Assert.Null(s.HealthCheckGracePeriodSeconds);
        });
        Assert.Empty(Aws.Ecs.TargetGroupMembers(Grpc));
        Assert.All(Services(), s => Assert.Equal(1, Aws.Ecs.PeakTaskCount(EcsCluster, s.ServiceName)));
    }

    [Fact]
    public async Task A_target_group_detached_by_hand_is_attached_again_and_audited_as_drift()
    {
        Operator.Commit(TestSpecs.Orders(clientAccess: Targets(new TargetGroupSpec(Grpc, 26500))));
        await Operator.ConvergeAsync();

        await Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(EcsCluster, "orders-broker-1", LoadBalancers: []), CancellationToken.None);
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeOneBrokerAtATimeAsync()).Outcome);

        Assert.Equal([new LoadBalancer(Grpc, "zeebe", 26500)], Services().Single(s => s.ServiceName == "orders-broker-1").LoadBalancers);
        var repair = Assert.Single(Aws.Audit.All, a => a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Intent);
        Assert.Equal("orders-broker-1", repair.Resource);
        Assert.True(repair.Reason.StartsWith("Drift: target groups +orders-grpc:26500", StringComparison.Ordinal), repair.Reason);
        Assert.Equal(3, Aws.Ecs.TargetGroupMembers(Grpc).Count);
    }
}
