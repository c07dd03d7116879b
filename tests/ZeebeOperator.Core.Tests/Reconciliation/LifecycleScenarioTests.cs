using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>Changes to a running cluster, against the simulated AWS and the simulated Zeebe brokers on it.</summary>
public sealed class LifecycleScenarioTests : IDisposable
{
    private const string EcsCluster = "camunda";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly OperatorHarness _operator;

    public LifecycleScenarioTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions
        {
            Zeebe = new SimulatedZeebeOptions { StartupDuration = TimeSpan.FromSeconds(10), ChangeDuration = TimeSpan.FromSeconds(5) },
        });
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, _aws.Zeebe);
    }

    public void Dispose() => _operator.Dispose();

    private IReadOnlyList<EcsService> ActiveServices() => [.. _aws.Ecs.ListServices(EcsCluster).Where(s => s.IsActive)];

    private HashSet<int> Members() => _aws.Zeebe.Cluster.Inspect("orders")!.BrokerIds.ToHashSet();

    private int BrokersDown() => ActiveServices().Count(s => !_aws.Ecs.GetTasks(EcsCluster, s.ServiceName)
        .Any(t => t.LastStatus == EcsTaskStatus.Running && t.TaskDefinitionArn == s.TaskDefinition));

    /// <summary>Reconciles in small time steps, checking <paramref name="invariant"/> after every step.</summary>
    private async Task<ReconcileResult> ConvergeCheckingAsync(Action invariant, int maxSteps = 400)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            var result = await _operator.ReconcileAsync();
            invariant();
            if (result.Outcome is ReconcileOutcome.Converged or ReconcileOutcome.Blocked)
            {
                return result;
            }

            _time.Advance(Step);
            _aws.Advance();
            invariant();
        }

        throw new Xunit.Sdk.XunitException($"not converged in {maxSteps} steps: {_operator.Results[^1]}");
    }

    [Fact]
    public async Task Three_to_five_to_three_brokers_without_restarts_and_without_deleting_before_zeebe_confirms()
    {
        _operator.Commit(TestSpecs.Orders(clusterSize: 3));
        await _operator.ConvergeAsync();
        var originalTasks = (await _operator.StatusAsync())!.Nodes.Select(n => n.RunningTaskArn).ToList();

        _operator.Commit(TestSpecs.Orders(clusterSize: 5, generation: 2));
        Assert.Equal(ReconcileOutcome.Converged, (await ConvergeCheckingAsync(() => { })).Outcome);

        var five = (await _operator.StatusAsync())!;
        Assert.True(five.IsReady);
        Assert.Equal(new HashSet<int> { 0, 1, 2, 3, 4 }, Members());
        Assert.Equal(originalTasks, five.Nodes.Take(3).Select(n => n.RunningTaskArn));
        Assert.Equal("COMPLETED", five.TopologyChange!.Status);

        _operator.Commit(TestSpecs.Orders(clusterSize: 3, generation: 3));
        var result = await ConvergeCheckingAsync(() =>
        {
            var members = Members();
            var running = ActiveServices().Select(s => s.ServiceName).ToHashSet();
            foreach (var id in members)
            {
                Assert.Contains($"orders-broker-{id}", running);
            }
        });

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal(new HashSet<int> { 0, 1, 2 }, Members());
        Assert.Equal(["orders-broker-0", "orders-broker-1", "orders-broker-2"], ActiveServices().Select(s => s.ServiceName).Order());
        Assert.Equal(5, _aws.Efs.AllAccessPoints().Count);
        var deletions = _aws.Audit.All.Where(a => a.Action == "ecs:DeleteService" && a.Phase == AuditPhase.Intent).OrderBy(a => a.Timestamp).ToList();
        Assert.Equal(["orders-broker-4", "orders-broker-3"], deletions.Select(d => d.Resource));
        var removal = _aws.Audit.All.Single(a => a.Action == "zeebe:RemoveBrokers" && a.Phase == AuditPhase.Succeeded);
        Assert.All(deletions, d => Assert.True(d.Timestamp > removal.Timestamp));
        Assert.Equal(originalTasks, (await _operator.StatusAsync())!.Nodes.Select(n => n.RunningTaskArn));
    }

    [Fact]
    public async Task An_image_upgrade_restarts_one_broker_at_a_time_highest_node_first()
    {
        _operator.Commit(TestSpecs.Orders(image: "camunda/camunda:8.8.3"));
        await _operator.ConvergeAsync();

        _operator.Commit(TestSpecs.Orders(image: "camunda/camunda:8.8.4", generation: 2));
        var result = await ConvergeCheckingAsync(() => Assert.InRange(BrokersDown(), 0, 1));

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        var updates = _aws.Audit.All.Where(a => a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Succeeded).OrderBy(a => a.Timestamp).ToList();
        Assert.Equal(["orders-broker-2", "orders-broker-1", "orders-broker-0"], updates.Select(u => u.Resource));
        Assert.Equal(3, _aws.Audit.All.Count(a => a.Action == "ecs:RegisterTaskDefinition" && a.Phase == AuditPhase.Succeeded && a.Generation == 2));
        foreach (var service in ActiveServices())
        {
            var definition = await _aws.Ecs.DescribeTaskDefinitionAsync(service.TaskDefinition, CancellationToken.None);
            Assert.Equal("camunda/camunda:8.8.4", definition.Definition.ContainerDefinitions[0].Image);
            Assert.Equal(1, _aws.Ecs.PeakTaskCount(EcsCluster, service.ServiceName));
        }
    }

    [Fact]
    public async Task A_failed_removal_stops_the_scale_down_with_everything_in_place()
    {
        _operator.Commit(TestSpecs.Orders(clusterSize: 5));
        await _operator.ConvergeAsync();
        _aws.Zeebe.Cluster.FailNextChange("orders");

        _operator.Commit(TestSpecs.Orders(clusterSize: 3, generation: 2));
        var result = await ConvergeCheckingAsync(() => { });

        Assert.Equal(ReconcileOutcome.Blocked, result.Outcome);
        var degraded = (await _operator.StatusAsync())!.Find(ConditionTypes.Degraded)!;
        Assert.Equal(ConditionStatus.True, degraded.Status);
        Assert.Equal("TopologyChangeFailed", degraded.Reason);
        Assert.Contains("nothing was stopped or deleted", degraded.Message, StringComparison.Ordinal);
        Assert.Equal(5, ActiveServices().Count);
        Assert.Equal(0, _aws.Calls.Count("ecs:DeleteService"));

        var mark = _aws.Calls.Mark();
        await _operator.ReconcileAsync();
        Assert.Equal(0, _aws.Calls.Since(mark).Count(c => c.Mutating));
    }

    [Fact]
    public async Task A_restarting_change_waits_for_the_maintenance_window_and_runs_when_it_opens()
    {
        var window = new UpdateStrategySpec(UpdateStrategyType.RollingUpdate, new MaintenanceWindowSpec("0 0 2 ? * SUN", TimeSpan.FromHours(2)));
        ZeebeClusterDocument Spec(string image, long generation)
        {
            var document = TestSpecs.Orders(image: image, generation: generation);
            return document with { Spec = document.Spec with { UpdateStrategy = window } };
        }

        _operator.Commit(Spec("camunda/camunda:8.8.3", 1));
        await _operator.ConvergeAsync();
        _operator.Commit(Spec("camunda/camunda:8.8.4", 2));
        var mark = _aws.Calls.Mark();

        var waiting = await _operator.ReconcileAsync();

        var nextOpening = new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(ReconcileOutcome.InProgress, waiting.Outcome);
        Assert.InRange(_time.GetUtcNow() + waiting.RequeueAfter!.Value, nextOpening, nextOpening.AddMinutes(1));
        var status = (await _operator.StatusAsync())!;
        Assert.Equal("WaitingForMaintenanceWindow", status.Find(ConditionTypes.Progressing)!.Reason);
        Assert.Contains(status.Pending!, p => p.Contains("2026-11-29 02:00 UTC", StringComparison.Ordinal));
        Assert.Equal(0, _aws.Calls.Since(mark).Count(c => c.Mutating && c.Service is "ecs" or "servicediscovery" or "elasticfilesystem"));

        _time.Advance(waiting.RequeueAfter.Value);
        _aws.Advance();
        var result = await ConvergeCheckingAsync(() => Assert.InRange(BrokersDown(), 0, 1));

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.All(_aws.Audit.All.Where(a => a.Action == "ecs:UpdateService"), a => Assert.True(a.Timestamp >= nextOpening));
        Assert.True((await _operator.StatusAsync())!.IsReady);
    }

    [Fact]
    public async Task A_deleted_service_is_recreated_and_audited_as_drift()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();

        await _aws.Ecs.DeleteServiceAsync(EcsCluster, "orders-broker-1", force: true, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        var result = await _operator.ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal(3, ActiveServices().Count);
        Assert.Contains(_aws.Audit.All, a => a.Action == "ecs:CreateService" && a.NodeId == 1 && a.Reason.StartsWith("Drift", StringComparison.Ordinal));
        Assert.Contains(_aws.Ecs.GetTasks(EcsCluster, "orders-broker-1"), t => t.LastStatus == EcsTaskStatus.Running);
    }

    [Fact]
    public async Task A_deleted_discovery_service_is_recreated_and_the_broker_registered_in_it()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var lost = _aws.ServiceDiscovery.AllServices().Single(s => s.Service.Name == "orders-broker-2").Service;

        // Out of band, as Cloud Map demands: the broker is stopped (its instance deregistered), then the service deleted.
        await _aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(EcsCluster, "orders-broker-2", DesiredCount: 0), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        _aws.Advance();
        await _aws.ServiceDiscovery.DeleteServiceAsync(lost.Id, CancellationToken.None);
        var result = await _operator.ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        var replacement = _aws.ServiceDiscovery.AllServices().Single(s => s.Service.Name == "orders-broker-2").Service;
        Assert.NotEqual(lost.Id, replacement.Id);
        Assert.Equal(replacement.Arn, ActiveServices().Single(s => s.ServiceName == "orders-broker-2").ServiceRegistries.Single().RegistryArn);
        Assert.Single(_aws.ServiceDiscovery.ListInstances(replacement.Id));
        Assert.Contains(_aws.Audit.All, a => a.Action == "servicediscovery:CreateService" && a.NodeId == 2 && a.Phase == AuditPhase.Succeeded);
    }

    [Fact]
    public async Task A_cluster_deleted_and_created_again_at_generation_one_is_really_created()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var first = ActiveServices().Select(s => s.Deployments[0].Id).ToHashSet();
        var document = TestSpecs.Orders(generation: 2);
        _operator.Commit(document with { Metadata = document.Metadata with { DeletionRequested = true } });
        Assert.Equal(ReconcileOutcome.Converged, (await _operator.ConvergeAsync()).Outcome);
        Assert.Empty(ActiveServices());
        _time.Advance(TimeSpan.FromMinutes(10));
        _aws.Advance();

        _operator.Commit(TestSpecs.Orders());
        var result = await _operator.ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        var services = ActiveServices();
        Assert.Equal(3, services.Count);
        Assert.Equal(0, BrokersDown());
        Assert.DoesNotContain(services, s => first.Contains(s.Deployments[0].Id));
        var registries = _aws.ServiceDiscovery.AllServices().Select(s => s.Service.Arn).ToHashSet();
        Assert.All(services, s => Assert.Contains(s.ServiceRegistries.Single().RegistryArn, registries));
        Assert.Equal(3, _aws.Efs.AllAccessPoints().Count);
    }

    [Fact]
    public async Task A_changed_desired_count_is_set_back()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();

        await _aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(EcsCluster, "orders-broker-0", DesiredCount: 0), CancellationToken.None);
        var result = await _operator.ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal(1, ActiveServices().Single(s => s.ServiceName == "orders-broker-0").DesiredCount);
        Assert.Contains(_aws.Audit.All, a => a.Action == "ecs:UpdateService" && a.Reason.Contains("Drift: desired count 0 -> 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_swapped_task_definition_is_swapped_back()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var ours = ActiveServices().Single(s => s.ServiceName == "orders-broker-2").TaskDefinition;
        var handMade = await _aws.Ecs.RegisterTaskDefinitionAsync(
            (await _aws.Ecs.DescribeTaskDefinitionAsync(ours, CancellationToken.None)).Definition with { Family = "hand-made", Tags = new Dictionary<string, string>() },
            CancellationToken.None);

        await _aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(EcsCluster, "orders-broker-2", TaskDefinition: handMade.Arn), CancellationToken.None);
        var result = await _operator.ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal(ours, ActiveServices().Single(s => s.ServiceName == "orders-broker-2").TaskDefinition);
        var swapBack = Assert.Single(_aws.Audit.All, a => a.Action == "ecs:UpdateService" && a.NodeId == 2 && a.Phase == AuditPhase.Succeeded);
        Assert.StartsWith("Drift: task definition replaced by " + handMade.Arn, swapBack.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_access_point_is_recreated_for_the_same_directory()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var lost = (await _operator.StatusAsync())!.Nodes[0].AccessPointId!;

        await _aws.Efs.DeleteAccessPointAsync(lost, CancellationToken.None);
        var repairedFrom = _time.GetUtcNow();
        var result = await _operator.ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        var replacement = (await _operator.StatusAsync())!.Nodes[0].AccessPointId!;
        Assert.NotEqual(lost, replacement);
        Assert.Equal("/zeebe/orders/node-0", _aws.Efs.AllAccessPoints().Single(a => a.AccessPointId == replacement).RootPath);
        var repair = _aws.Audit.All.Where(a => a.Timestamp >= repairedFrom && a.Phase == AuditPhase.Succeeded && a.Action.StartsWith("servicediscovery:", StringComparison.Ordinal) is false).ToList();
        Assert.Equal(["elasticfilesystem:CreateAccessPoint", "ecs:RegisterTaskDefinition", "ecs:UpdateService"], repair.Select(a => a.Action));
        var gateway = _aws.Audit.All.Where(a => a.Timestamp >= repairedFrom && a.Phase == AuditPhase.Succeeded && a.Action.StartsWith("servicediscovery:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["servicediscovery:DeregisterInstance", "servicediscovery:RegisterInstance"], gateway.Select(a => a.Action));
        Assert.All(repair.Take(2), a => Assert.StartsWith("Drift: ", a.Reason, StringComparison.Ordinal));

        // The restart onto the new access point waits until Cloud Map shows the broker out of the gateway name.
        Assert.True(repair[2].Timestamp - gateway[0].Timestamp >= _aws.Options.DiscoveryOperationDelay);
    }

    [Fact]
    public async Task Deletion_removes_every_service_highest_first_then_the_Cloud_Map_services_then_the_access_points()
    {
        var spec = TestSpecs.Orders();
        spec = spec with { Spec = spec.Spec with { Storage = spec.Spec.Storage with { Retention = DataRetention.Delete } } };
        _operator.Commit(spec);
        await _operator.ConvergeAsync();

        _operator.Commit(spec with { Metadata = spec.Metadata with { Generation = 2, DeletionRequested = true } });
        var result = await _operator.ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Empty(_aws.Efs.AllAccessPoints());
        var removals = _aws.Audit.All
            .Where(a => a.Phase == AuditPhase.Succeeded && a.Action.Contains(":Delete", StringComparison.Ordinal))
            .Select(a => $"{a.Action} {a.NodeId}");
        Assert.Equal(
            [
                "ecs:DeleteService 2", "ecs:DeleteService 1", "ecs:DeleteService 0",
                "servicediscovery:DeleteService 2", "servicediscovery:DeleteService 1", "servicediscovery:DeleteService 0",
                "servicediscovery:DeleteService 0",
                "elasticfilesystem:DeleteAccessPoint 2", "elasticfilesystem:DeleteAccessPoint 1", "elasticfilesystem:DeleteAccessPoint 0",
            ],
            removals);
    }

    [Fact]
    public async Task Requested_deletion_removes_services_and_discovery_and_keeps_the_data()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var document = TestSpecs.Orders(generation: 2);

        _operator.Commit(document with { Metadata = document.Metadata with { DeletionRequested = true } });
        var result = await _operator.ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Empty(ActiveServices());
        Assert.Empty(await _aws.ServiceDiscovery.ListServicesAsync("ns-abcdef0123456789", CancellationToken.None));
        Assert.Equal(3, _aws.Efs.AllAccessPoints().Count);
        var status = (await _operator.StatusAsync())!;
        Assert.Equal("Deleted", status.Find(ConditionTypes.Ready)!.Reason);
        Assert.Contains("retained", status.Find(ConditionTypes.Progressing)!.Message, StringComparison.Ordinal);
        Assert.Equal(
            _aws.Efs.AllAccessPoints().Select(a => (int.Parse(a.Tags[TagKeys.NodeId], System.Globalization.CultureInfo.InvariantCulture), a.AccessPointId, a.FileSystemId, a.RootPath)).Order(),
            status.RetainedData!.Select(r => (r.NodeId, r.AccessPointId, r.FileSystemId, r.RootPath)));
    }
}
