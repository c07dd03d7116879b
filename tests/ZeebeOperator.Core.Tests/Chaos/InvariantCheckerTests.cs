using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Chaos;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Chaos;

/// <summary>The checker sees each kind of violation it claims to (a soak that cannot fail proves nothing).</summary>
public sealed class InvariantCheckerTests
{
    private static readonly IReadOnlySet<string> Orders = new HashSet<string> { "orders" };

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedAws _aws;
    private readonly ChaosInjector _chaos;
    private readonly InvariantChecker _checker;
    private readonly DesiredNode _node0;

    public InvariantCheckerTests()
    {
        _aws = new SimulatedAws(_time);
        _aws.AddNamespace(SoakSpec.NamespaceId, SoakSpec.NamespaceName);
        _chaos = new ChaosInjector(_time, seed: 1);
        _checker = new InvariantChecker(_aws, _chaos.Ledger);
        var document = SpecParser.Parse(new SoakSpec("orders", 3, 3, 1).ToJson()).Document!;
        _node0 = new DesiredStateRenderer("us-east-1").Render(document).Nodes[0];
    }

    private async Task<EcsService> CreateBrokerServiceAsync(string serviceName, string token)
    {
        var accessPoint = await _aws.Efs.CreateAccessPointAsync(_node0.AccessPoint.ToRequest(token), CancellationToken.None);
        var registry = await _aws.ServiceDiscovery.CreateServiceAsync(
            _node0.DiscoveryService.ToRequest(token) with { Name = serviceName }, CancellationToken.None);
        var definition = await _aws.Ecs.RegisterTaskDefinitionAsync(_node0.TaskDefinition.For(accessPoint.AccessPointId), CancellationToken.None);
        return await _aws.Ecs.CreateServiceAsync(
            _node0.Service.ToCreateRequest(token, definition.Arn, registry.Arn) with { ServiceName = serviceName }, CancellationToken.None);
    }

    [Fact]
    public async Task Two_running_tasks_for_one_node_id_and_duplicate_resources_are_violations()
    {
        await CreateBrokerServiceAsync("orders-broker-0", "first");
        await CreateBrokerServiceAsync("orders-broker-0-copy", "second");
        _time.Advance(TimeSpan.FromMinutes(1));

        var violations = _checker.Check(1, Orders);

        Assert.Contains(violations, v => v.Invariant == Invariants.OneTaskPerNode && v.Detail.Contains("orders node 0 runs 2 tasks", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Invariant == Invariants.NoDuplicateResource && v.Detail.Contains("access point", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Invariant == Invariants.NoDuplicateResource && v.Detail.Contains("ECS service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_foreign_resource_is_a_violation()
    {
        var legacy = await _aws.Efs.CreateAccessPointAsync(_node0.AccessPoint.ToRequest("legacy") with { RootPath = "/legacy", Tags = new Dictionary<string, string> { ["team"] = "legacy" } }, CancellationToken.None);
        _checker.RecordForeignResources();
        Assert.Empty(_checker.Check(1, Orders));

        await _aws.Efs.TagResourceAsync(legacy.AccessPointId, new Dictionary<string, string> { [TagKeys.ManagedBy] = TagKeys.ManagedByValue }, CancellationToken.None);

        var violation = Assert.Single(_checker.Check(2, Orders));
        Assert.Equal(Invariants.ForeignResourcesUntouched, violation.Invariant);
        Assert.Contains(legacy.AccessPointId, violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deregistered_foreign_task_definition_is_a_violation()
    {
        var foreign = await _aws.Ecs.RegisterTaskDefinitionAsync(
            _node0.TaskDefinition.For("fsap-00000000000000000") with { Tags = new Dictionary<string, string> { ["team"] = "legacy" } }, CancellationToken.None);
        _checker.RecordForeignResources();

        await _aws.Ecs.DeregisterTaskDefinitionAsync(foreign.Arn, CancellationToken.None);

        var violation = Assert.Single(_checker.Check(1, Orders));
        Assert.Equal(Invariants.ForeignResourcesUntouched, violation.Invariant);
        Assert.Contains(foreign.Arn, violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_access_point_is_a_violation_unless_deletion_with_data_removal_was_requested()
    {
        var first = await _aws.Efs.CreateAccessPointAsync(_node0.AccessPoint.ToRequest("a"), CancellationToken.None);
        Assert.Empty(_checker.Check(1, Orders));
        await _aws.Efs.DeleteAccessPointAsync(first.AccessPointId, CancellationToken.None);

        Assert.Equal(Invariants.AccessPointsKept, Assert.Single(_checker.Check(2, Orders)).Invariant);

        var second = await _aws.Efs.CreateAccessPointAsync(_node0.AccessPoint.ToRequest("b"), CancellationToken.None);
        Assert.Empty(_checker.Check(3, Orders));
        await _aws.Efs.DeleteAccessPointAsync(second.AccessPointId, CancellationToken.None);
        Assert.Empty(_checker.Check(4, Orders, accessPointDeletionAllowed: true));
    }

    [Fact]
    public async Task A_mutating_call_without_an_audit_intent_is_a_violation()
    {
        var audit = _chaos.Wrap<IAuditLog>(_aws.Audit);
        var efs = _chaos.Wrap<IElasticFileSystemApi>(_aws.Efs);
        await audit.AppendAsync(new AuditRecord("orders", "op-1", _time.GetUtcNow(), 1, 0, "elasticfilesystem:CreateAccessPoint", "/zeebe/orders", AuditPhase.Intent, "Missing", null, 0), CancellationToken.None);
        await efs.CreateAccessPointAsync(_node0.AccessPoint.ToRequest("audited"), CancellationToken.None);
        Assert.Empty(_checker.Check(1, Orders));

        await efs.CreateAccessPointAsync(_node0.AccessPoint.ToRequest("unaudited") with { RootPath = "/zeebe/orders/x" }, CancellationToken.None);

        var violation = Assert.Single(_checker.Check(2, Orders), v => v.Invariant == Invariants.MutationsAudited);
        Assert.Contains("elasticfilesystem:CreateAccessPoint", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_response_takes_effect_and_a_killed_operator_makes_no_further_call()
    {
        _chaos.Configure(ChaosOptions.Calm with { LostResponseRate = 1 });
        var efs = _chaos.Wrap<IElasticFileSystemApi>(_aws.Efs);

        var lost = await Assert.ThrowsAsync<AwsApiException>(() => efs.CreateAccessPointAsync(_node0.AccessPoint.ToRequest("lost"), CancellationToken.None));
        Assert.Equal("Timeout", lost.ErrorCode);
        Assert.Single(_aws.Efs.AllAccessPoints());

        _chaos.Configure(ChaosOptions.Calm);
        _chaos.ArmKill(1, afterReachingAws: false);
        await Assert.ThrowsAsync<OperatorKilledException>(() => efs.DescribeAccessPointsAsync(_node0.AccessPoint.FileSystemId, CancellationToken.None));
        await Assert.ThrowsAsync<OperatorKilledException>(() => efs.DeleteAccessPointAsync(_aws.Efs.AllAccessPoints()[0].AccessPointId, CancellationToken.None));
        Assert.Single(_aws.Efs.AllAccessPoints());

        _chaos.Restart();
        Assert.Single(await efs.DescribeAccessPointsAsync(_node0.AccessPoint.FileSystemId, CancellationToken.None));
    }
}
