using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>The gateway Cloud Map name, as a client inside the VPC resolves it.</summary>
public sealed class GatewayScenarioTests : IDisposable
{
    private const string GatewayName = "orders-gateway.zeebe.internal";
    private readonly ScenarioHarness _scenario = new();

    private SimulatedAws Aws => _scenario.Aws;

    private OperatorHarness Operator => _scenario.Operator;

    public void Dispose() => _scenario.Dispose();

    private IReadOnlyList<string> Resolve() => Aws.ServiceDiscovery.ResolveDns(GatewayName);

    /// <summary>The addresses of broker tasks that run and are not being stopped.</summary>
    private HashSet<string> ServingBrokers() =>
        [.. Aws.Ecs.RunningTasks("orders-broker-").Select(t => t.Task)
            .Where(t => t.DesiredStatus == EcsTaskStatus.Running && t.PrivateIpv4Address is not null)
            .Select(t => t.PrivateIpv4Address!)];

    private void NoStoppedBrokerResolves() => Assert.Subset(ServingBrokers(), Resolve().ToHashSet());

    [Fact]
    public async Task The_gateway_name_resolves_to_every_ready_broker_once_the_cluster_converges()
    {
        Operator.Commit(TestSpecs.Orders());

        Assert.Equal(ReconcileOutcome.Converged, (await _scenario.ConvergeCheckingAsync(NoStoppedBrokerResolves)).Outcome);

        Assert.Equal(ServingBrokers(), Resolve().ToHashSet());
        Assert.Equal(3, Resolve().Count);
        var gateway = Aws.ServiceDiscovery.AllServices().Single(s => s.Service.Name == "orders-gateway");
        Assert.Equal("orders", gateway.Tags[TagKeys.Cluster]);
        Assert.Equal(["node-0", "node-1", "node-2"], Aws.ServiceDiscovery.ListInstances(gateway.Service.Id).Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.All((await Operator.StatusAsync())!.Nodes, n => Assert.True(n.InGateway));
    }

    [Fact]
    public async Task A_rolling_update_never_leaves_a_stopped_broker_in_the_gateway_name()
    {
        Operator.Commit(TestSpecs.Orders(image: "camunda/camunda:8.8.3"));
        await Operator.ConvergeAsync();
        Assert.Equal(3, Resolve().Count);

        Operator.Commit(TestSpecs.Orders(image: "camunda/camunda:8.8.4", generation: 2));
        var seenSizes = new List<int>();
        var result = await _scenario.ConvergeCheckingAsync(() =>
        {
            NoStoppedBrokerResolves();
            seenSizes.Add(Resolve().Count);
        });

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Contains(2, seenSizes);
        Assert.Equal(ServingBrokers(), Resolve().ToHashSet());
        Assert.Equal(3, Resolve().Count);

        // Each broker left the name in the same ordered steps, right before its service was updated.
        var steps = Aws.Audit.All.Where(a => a.Generation == 2 && a.Phase == AuditPhase.Succeeded && a.Action is "servicediscovery:DeregisterInstance" or "ecs:UpdateService")
            .OrderBy(a => a.Timestamp).Select(a => $"{a.Action} {a.NodeId}").ToList();
        Assert.Equal(
            ["servicediscovery:DeregisterInstance 2", "ecs:UpdateService 2", "servicediscovery:DeregisterInstance 1", "ecs:UpdateService 1", "servicediscovery:DeregisterInstance 0", "ecs:UpdateService 0"],
            steps);
    }

    [Fact]
    public async Task Scaling_down_takes_the_brokers_out_of_the_gateway_name_before_their_services_go()
    {
        Operator.Commit(TestSpecs.Orders(clusterSize: 5));
        await Operator.ConvergeAsync();
        Assert.Equal(5, Resolve().Count);

        Operator.Commit(TestSpecs.Orders(clusterSize: 3, generation: 2));
        Assert.Equal(ReconcileOutcome.Converged, (await _scenario.ConvergeCheckingAsync(NoStoppedBrokerResolves)).Outcome);

        Assert.Equal(3, Resolve().Count);
        var steps = Aws.Audit.All.Where(a => a.Generation == 2 && a.Phase == AuditPhase.Succeeded && a.Action is "servicediscovery:DeregisterInstance" or "ecs:DeleteService")
            .OrderBy(a => a.Timestamp).Select(a => $"{a.Action} {a.NodeId}").ToList();
        // Cloud Map deregisters asynchronously: each service goes only once its broker has left the name.
        Assert.Equal(["servicediscovery:DeregisterInstance 4", "servicediscovery:DeregisterInstance 3"], steps.Take(2));
        Assert.Equal(["ecs:DeleteService 4", "ecs:DeleteService 3"], steps.Where(s => s.StartsWith("ecs:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Instances_deregistered_or_added_by_hand_are_put_right_and_audited_as_drift()
    {
        Operator.Commit(TestSpecs.Orders());
        await Operator.ConvergeAsync();
        var gateway = Aws.ServiceDiscovery.AllServices().Single(s => s.Service.Name == "orders-gateway").Service;

        await Aws.ServiceDiscovery.DeregisterInstanceAsync(gateway.Id, "node-1", CancellationToken.None);
        await Aws.ServiceDiscovery.RegisterInstanceAsync(
            new RegisterInstanceRequest(gateway.Id, "someone-elses", "by-hand", new Dictionary<string, string> { [ServiceInstance.Ipv4Attribute] = "10.9.9.9" }), CancellationToken.None);
        _scenario.Time.Advance(TimeSpan.FromMinutes(2)); // Cloud Map applies both, and the operator's own requests are long done
        Aws.Advance();
        var from = _scenario.Time.GetUtcNow();
        Assert.Equal(ReconcileOutcome.Converged, (await Operator.ConvergeAsync()).Outcome);

        Assert.Equal(ServingBrokers(), Resolve().ToHashSet());
        var repairs = Aws.Audit.All.Where(a => a.Timestamp >= from && a.Phase == AuditPhase.Intent).ToList();
        Assert.Equal(2, repairs.Count);
        Assert.Contains(repairs, a => a.Action == "servicediscovery:RegisterInstance" && a.Reason == "Drift: instance node-1 was deregistered out of band");
        Assert.Contains(repairs, a => a.Action == "servicediscovery:DeregisterInstance" && a.Reason == "Drift: instance someone-elses (10.9.9.9) is no broker of the cluster");
    }

    [Fact]
    public async Task A_custom_gateway_name_is_used_and_deletion_removes_it_last()
    {
        Operator.Commit(TestSpecs.Orders(clientAccess: new ClientAccessSpec([], "orders-clients")));
        await Operator.ConvergeAsync();
        Assert.Equal(3, Aws.ServiceDiscovery.ResolveDns("orders-clients.zeebe.internal").Count);

        var spec = TestSpecs.Orders(clientAccess: new ClientAccessSpec([], "orders-clients"), generation: 2);
        Operator.Commit(spec with { Metadata = spec.Metadata with { DeletionRequested = true } });
        Assert.Equal(ReconcileOutcome.Converged, (await _scenario.ConvergeCheckingAsync(() => Assert.Subset(ServingBrokers(), Aws.ServiceDiscovery.ResolveDns("orders-clients.zeebe.internal").ToHashSet()))).Outcome);

        Assert.Empty(Aws.ServiceDiscovery.AllServices());
    }
}
