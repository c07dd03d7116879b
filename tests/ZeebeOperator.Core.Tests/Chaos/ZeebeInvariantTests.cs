using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Chaos;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Chaos;

/// <summary>
/// The soak's Zeebe invariants catch what they claim to: each test feeds the checker a violating history, made on the
/// simulation as an operator would make it, and sees it reported; the safe history next to it is not.
/// </summary>
public sealed class ZeebeInvariantTests
{
    private static readonly IReadOnlySet<string> Orders = new HashSet<string> { "orders" };

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedAws _aws;
    private readonly ChaosInjector _chaos;
    private readonly InvariantChecker _checker;
    private readonly IReadOnlyList<DesiredNode> _nodes;

    public ZeebeInvariantTests()
    {
        _aws = new SimulatedAws(_time);
        _aws.AddEcsCluster(SoakSpec.EcsCluster);
        _aws.AddNamespace(SoakSpec.NamespaceId, SoakSpec.NamespaceName);
        _aws.AddFileSystem(SoakSpec.FileSystemId);
        _chaos = new ChaosInjector(_time, seed: 1);
        _checker = new InvariantChecker(_aws, _chaos.Ledger);
        var document = SpecParser.Parse(new SoakSpec("orders", 3, 3, 1).ToJson()).Document!;
        _nodes = new DesiredStateRenderer("us-east-1").Render(document).Nodes;
    }

    private EcsBackedZeebeCluster Zeebe => _aws.Zeebe;

    private static Uri Broker(int nodeId) => new ZeebeBrokerAddress("orders", nodeId, SoakSpec.NamespaceName).ToUri();

    /// <summary>Creates the three brokers' services, lets them start and catch up, and forms the Zeebe cluster.</summary>
    private async Task RunHealthyBrokersAsync()
    {
        foreach (var node in _nodes)
        {
            var token = $"node-{node.NodeId}";
            var accessPoint = await _aws.Efs.CreateAccessPointAsync(node.AccessPoint.ToRequest(token), CancellationToken.None);
            var registry = await _aws.ServiceDiscovery.CreateServiceAsync(node.DiscoveryService.ToRequest(token), CancellationToken.None);
            var definition = await _aws.Ecs.RegisterTaskDefinitionAsync(node.TaskDefinition.For(accessPoint.AccessPointId), CancellationToken.None);
            await _aws.Ecs.CreateServiceAsync(node.Service.ToCreateRequest(token, definition.Arn, registry.Arn), CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        _aws.Advance();
        await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(_aws.Zeebe.Cluster.UnservedPartitions("orders"));
    }

    private Task<EcsService> RestartAsync(int nodeId) =>
        _aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SoakSpec.EcsCluster, ResourceNames.Broker("orders", nodeId), ForceNewDeployment: true), CancellationToken.None);

    [Fact]
    public async Task Restarting_a_broker_while_a_partition_lacks_healthy_replicas_is_a_violation_judged_from_zeebe_itself()
    {
        await RunHealthyBrokersAsync();
        await RestartAsync(2);
        Assert.Empty(_checker.Check(1, Orders));
        Assert.Equal(1, _checker.BrokerRestarts);

        // Stopped after 5 s, started 20 s later, ready 10 s after that: broker 2 reports ready, but its replicas
        // have not caught up (5 s more), so the next restart is too early.
        // The simulated Zeebe sees brokers come and go when it is asked, as an operator polling every second would.
        for (var second = 0; second < 37; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _aws.Advance();
            await Zeebe.GetTopologyAsync(Broker(0), CancellationToken.None);
        }

        Assert.True((await Zeebe.CheckHealthAsync(Broker(2), HealthProbe.Readiness, CancellationToken.None)).IsUp);
        Assert.NotEmpty(_aws.Zeebe.Cluster.UnservedPartitions("orders"));
        await RestartAsync(1);

        var violation = Assert.Single(_checker.Check(2, Orders));
        Assert.Equal(Invariants.NoRestartWhilePartitionUnserved, violation.Invariant);
        Assert.Contains("orders broker 1 was restarted", violation.Detail, StringComparison.Ordinal);
        Assert.Contains("of 3 replicas healthy", violation.Detail, StringComparison.Ordinal);
        Assert.Empty(_checker.Check(3, Orders));
    }

    [Fact]
    public async Task A_partition_that_zeebe_reports_unhealthy_makes_a_restart_a_violation_though_every_broker_is_ready()
    {
        await RunHealthyBrokersAsync();
        _aws.Zeebe.Cluster.SetPartitionHealth("orders", 0, 1, PartitionHealth.Unhealthy);

        await RestartAsync(2);

        var violation = Assert.Single(_checker.Check(1, Orders));
        Assert.Contains("partition 1: a leader, 2 of 3 replicas healthy", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_again_for_a_change_zeebe_accepted_after_the_caller_timed_out_is_a_violation()
    {
        await RunHealthyBrokersAsync();
        _aws.Zeebe.Cluster.AnswerNextChangeLate("orders");
        await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(4, 3), dryRun: false, CancellationToken.None));
        Assert.Empty(_checker.Check(1, Orders));

        var again = await Assert.ThrowsAsync<ZeebeApiException>(() => Zeebe.ScalePartitionsAsync(Broker(1), new PartitionScaling(4, 3), dryRun: false, CancellationToken.None));

        Assert.Equal(ZeebeApiErrorKind.ChangeInProgress, again.Kind);
        var violation = Assert.Single(_checker.Check(2, Orders));
        Assert.Equal(Invariants.NoChangeAskedTwice, violation.Invariant);
        Assert.Contains("4 partitions with replication factor 3 was asked for again", violation.Detail, StringComparison.Ordinal);
        Assert.Contains("answered after the caller gave up", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_again_for_a_completed_change_is_a_violation_but_a_dry_run_a_retry_after_failure_or_a_new_change_is_not()
    {
        await RunHealthyBrokersAsync();
        await Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(4, 3), dryRun: true, CancellationToken.None);
        await Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(4, 3), dryRun: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        await Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(5, 3), dryRun: true, CancellationToken.None);
        _aws.Zeebe.Cluster.FailNextChange("orders");
        await Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(5, 3), dryRun: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(5, 3), dryRun: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(_checker.Check(1, Orders));

        await Zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(5, 3), dryRun: false, CancellationToken.None);

        Assert.Equal(Invariants.NoChangeAskedTwice, Assert.Single(_checker.Check(2, Orders)).Invariant);
    }

    [Fact]
    public async Task A_dry_run_is_not_a_mutating_call_so_it_needs_no_audit_intent_of_its_own()
    {
        await RunHealthyBrokersAsync();
        var zeebe = _chaos.Wrap<IZeebeClusterApi>(Zeebe);
        var audit = _chaos.Wrap<IAuditLog>(_aws.Audit);
        await audit.AppendAsync(new Core.Audit.AuditRecord("orders", "op-1", _time.GetUtcNow(), 1, null, "zeebe:ScalePartitions", "4", Core.Audit.AuditPhase.Intent, "Missing", null, 0), CancellationToken.None);

        await zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(4, 3), dryRun: true, CancellationToken.None);
        await zeebe.ScalePartitionsAsync(Broker(0), new PartitionScaling(4, 3), dryRun: false, CancellationToken.None);

        Assert.Empty(_checker.Check(1, Orders));
    }
}
