using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>
/// Cloud Map registers and deregisters asynchronously (an operation id back, the instance shows only when the
/// operation completes): while it does, the operator neither asks twice nor calls the difference drift.
/// </summary>
public sealed class CloudMapOperationDelayTests : IDisposable
{
    private readonly ScenarioHarness _scenario = new();

    private SimulatedAws Aws => _scenario.Aws;

    private OperatorHarness Operator => _scenario.Operator;

    public void Dispose() => _scenario.Dispose();

    private IReadOnlyList<string> Resolve() => Aws.ServiceDiscovery.ResolveDns("orders-gateway.zeebe.internal");

    [Fact]
    public async Task A_registration_cloud_map_is_still_applying_is_not_asked_for_again_nor_reported_as_deregistered_out_of_band()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Aws.Options.DiscoveryOperationDelay);
        Operator.Commit(TestSpecs.Orders());

        Assert.Equal(ReconcileOutcome.Converged, (await _scenario.ConvergeCheckingAsync(() => { })).Outcome);

        Assert.Equal(3, Resolve().Count);
        Assert.Equal(3, Aws.Calls.Count("RegisterInstance"));
        Assert.DoesNotContain(Aws.Audit.All, a => a.Reason.StartsWith("Drift", StringComparison.Ordinal));
        Assert.All((await Operator.StatusAsync())!.Nodes, n => Assert.True(n.InGateway));
    }

    [Fact]
    public async Task A_rolling_update_deregisters_each_broker_once_and_restarts_it_only_once_cloud_map_shows_it_gone()
    {
        Operator.Commit(TestSpecs.Orders(image: "camunda/camunda:8.8.3"));
        await Operator.ConvergeAsync();
        var registrations = Aws.Calls.Count("RegisterInstance");

        Operator.Commit(TestSpecs.Orders(image: "camunda/camunda:8.8.4", generation: 2));
        Assert.Equal(ReconcileOutcome.Converged, (await _scenario.ConvergeCheckingAsync(() => { })).Outcome);

        Assert.Equal(3, Aws.Calls.Count("DeregisterInstance"));
        Assert.Equal(registrations + 3, Aws.Calls.Count("RegisterInstance"));
        var leaves = Aws.Audit.All.Where(a => a.Generation == 2 && a.Phase == AuditPhase.Succeeded && a.Action is "servicediscovery:DeregisterInstance" or "ecs:UpdateService")
            .OrderBy(a => a.Timestamp).ToList();
        foreach (var (leave, restart) in leaves.Where((_, i) => i % 2 == 0).Zip(leaves.Where((_, i) => i % 2 == 1)))
        {
            Assert.Equal(("servicediscovery:DeregisterInstance", "ecs:UpdateService", leave.NodeId), (leave.Action, restart.Action, restart.NodeId));
            Assert.True(restart.Timestamp - leave.Timestamp >= Aws.Options.DiscoveryOperationDelay, $"node {leave.NodeId} restarted {restart.Timestamp - leave.Timestamp} after it was asked to leave");
        }
    }
}
