using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>
/// Target groups on the brokers' ECS services. ECS replaces a service's task to change its load balancers, so every
/// change (attach, swap, detach, a repair) is a broker restart and goes one broker at a time.
/// </summary>
public sealed class TargetGroupScenarioTests : IDisposable
{
    private const string EcsCluster = "camunda";
    private const string Grpc = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-grpc/0123456789abcdef";
    private const string Rest = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-rest/fedcba9876543210";
    private const string Rest2 = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-rest-2/00112233aabbccdd";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly OperatorHarness _operator;

    public TargetGroupScenarioTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions
        {
            Zeebe = new SimulatedZeebeOptions { StartupDuration = TimeSpan.FromSeconds(10), ChangeDuration = TimeSpan.FromSeconds(5) },
        });
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, _aws.Zeebe);
    }

    public void Dispose() => _operator.Dispose();

    private static ClientAccessSpec Targets(params TargetGroupSpec[] groups) => new(groups, null, 120);

    private IReadOnlyList<EcsService> Services() =>
        [.. _aws.Ecs.ListServices(EcsCluster).Where(s => s.IsActive).OrderBy(s => s.ServiceName, StringComparer.Ordinal)];

    private int BrokersDown() => Services().Count(s => !_aws.Ecs.GetTasks(EcsCluster, s.ServiceName)
        .Any(t => t.LastStatus == EcsTaskStatus.Running && t.DesiredStatus == EcsTaskStatus.Running && t.TaskDefinitionArn == s.TaskDefinition));

    private async Task<ReconcileResult> ConvergeOneBrokerAtATimeAsync(int maxSteps = 400)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            var result = await _operator.ReconcileAsync();
            Assert.InRange(BrokersDown(), 0, 1);
            if (result.Outcome is ReconcileOutcome.Converged or ReconcileOutcome.Blocked)
            {
                return result;
            }

            _time.Advance(Step);
            _aws.Advance();
            Assert.InRange(BrokersDown(), 0, 1);
        }

        throw new Xunit.Sdk.XunitException($"not converged in {maxSteps} steps: {_operator.Results[^1]}");
    }

    private List<string> UpdatesOfGeneration(long generation) =>
        [.. _aws.Audit.All.Where(a => a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Succeeded && a.Generation == generation)
            .OrderBy(a => a.Timestamp).Select(a => a.Resource)];

    [Fact]
    public async Task A_new_cluster_registers_every_broker_in_its_target_groups_from_the_start()
    {
        _operator.Commit(TestSpecs.Orders(clientAccess: Targets(new TargetGroupSpec(Grpc, 26500), new TargetGroupSpec(Rest, 8080))));

        Assert.Equal(ReconcileOutcome.Converged, (await _operator.ConvergeAsync()).Outcome);

        Assert.All(Services(), s =>
        {
            Assert.Equal(new HashSet<LoadBalancer> { new(Grpc, "zeebe", 26500), new(Rest, "zeebe", 8080) }, s.LoadBalancers.ToHashSet());
            Assert.Equal(120, s.HealthCheckGracePeriodSeconds);
        });
        Assert.Equal(3, _aws.Ecs.TargetGroupMembers(Grpc).Count);
        Assert.Empty(UpdatesOfGeneration(1));
        var status = (await _operator.StatusAsync())!;
        Assert.All(status.Nodes, n => Assert.Equal([Grpc, Rest], n.TargetGroups!));
    }

    [Fact]
    public async Task Target_groups_are_attached_changed_and_detached_one_broker_at_a_time()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();

        _operator.Commit(TestSpecs.Orders(generation: 2, clientAccess: Targets(new TargetGroupSpec(Grpc, 26500), new TargetGroupSpec(Rest, 8080))));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeOneBrokerAtATimeAsync()).Outcome);
        Assert.Equal(["orders-broker-2", "orders-broker-1", "orders-broker-0"], UpdatesOfGeneration(2));
        Assert.All(Services(), s => Assert.Equal(2, s.LoadBalancers.Count));
        Assert.Equal(3, _aws.Ecs.TargetGroupMembers(Rest).Count);

        _operator.Commit(TestSpecs.Orders(generation: 3, clientAccess: Targets(new TargetGroupSpec(Grpc, 26500), new TargetGroupSpec(Rest2, 8080))));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeOneBrokerAtATimeAsync()).Outcome);
        Assert.Equal(["orders-broker-2", "orders-broker-1", "orders-broker-0"], UpdatesOfGeneration(3));
        Assert.Empty(_aws.Ecs.TargetGroupMembers(Rest));
        Assert.Equal(3, _aws.Ecs.TargetGroupMembers(Rest2).Count);
        var swap = _aws.Audit.All.First(a => a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Intent && a.Generation == 3);
        Assert.Contains("target groups +orders-rest-2:8080 -orders-rest:8080", swap.Reason, StringComparison.Ordinal);

        _operator.Commit(TestSpecs.Orders(generation: 4));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeOneBrokerAtATimeAsync()).Outcome);
        Assert.Equal(["orders-broker-2", "orders-broker-1", "orders-broker-0"], UpdatesOfGeneration(4));
        Assert.All(Services(), s =>
        {
            Assert.Empty(s.LoadBalancers);
            Assert.Null(s.HealthCheckGracePeriodSeconds);
        });
        Assert.Empty(_aws.Ecs.TargetGroupMembers(Grpc));
        Assert.All(Services(), s => Assert.Equal(1, _aws.Ecs.PeakTaskCount(EcsCluster, s.ServiceName)));
    }

    [Fact]
    public async Task A_target_group_detached_by_hand_is_attached_again_and_audited_as_drift()
    {
        _operator.Commit(TestSpecs.Orders(clientAccess: Targets(new TargetGroupSpec(Grpc, 26500))));
        await _operator.ConvergeAsync();

        await _aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(EcsCluster, "orders-broker-1", LoadBalancers: []), CancellationToken.None);
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeOneBrokerAtATimeAsync()).Outcome);

        Assert.Equal([new LoadBalancer(Grpc, "zeebe", 26500)], Services().Single(s => s.ServiceName == "orders-broker-1").LoadBalancers);
        var repair = Assert.Single(_aws.Audit.All, a => a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Intent);
        Assert.Equal("orders-broker-1", repair.Resource);
        Assert.True(repair.Reason.StartsWith("Drift: target groups +orders-grpc:26500", StringComparison.Ordinal), repair.Reason);
        Assert.Equal(3, _aws.Ecs.TargetGroupMembers(Grpc).Count);
    }
}
