using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Tests.Observation;

/// <summary>
/// What the observer reports about each node's resources: ours (by tags or by reference), someone else's in the
/// way, or absent; which nodes it reports at all; and which resource it picks when there is more than one.
/// </summary>
public sealed class ResourceOwnershipObservationTests
{
    [Fact]
    public async Task Our_resources_left_beyond_the_cluster_size_are_reported_as_nodes_in_node_order()
    {
        var rig = new ObservationRig(clusterSize: 2);
        rig.AddConvergedNode(3);
        rig.AddConvergedNode(4);
        rig.AccessPoints.RemoveAll(a => a.Name == ObservationRig.BrokerName(3));
        rig.DiscoveryServices.Remove(rig.DiscoveryService(4));
        rig.Services.RemoveAll(s => s.ServiceName is "orders-broker-3" or "orders-broker-4");

        var observed = await rig.ObserveAsync();

        Assert.Equal([0, 1, 3, 4], observed.Nodes.Select(n => n.NodeId));
        Assert.Equal((Presence.Absent, Presence.Owned), (observed.Node(3).AccessPoint.Presence, observed.Node(3).DiscoveryService.Presence));
        Assert.True(observed.Node(3).Exists);
        Assert.Equal((Presence.Owned, Presence.Absent), (observed.Node(4).AccessPoint.Presence, observed.Node(4).DiscoveryService.Presence));
        Assert.True(observed.Node(4).Exists);
    }

    [Fact]
    public async Task Another_clusters_access_points_and_discovery_services_add_no_node()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var payments = Ownership.Tags("payments", 5, new Dictionary<string, string>());
        rig.AccessPoints.Add(new AccessPoint("fsap-0000000000000payments5", "arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/fsap-0000000000000payments5",
            "fs-0123456789abcdef0", "/zeebe/payments/node-5", null, AccessPointLifeCycle.Available, payments));
        var otherService = new DiscoveryService("srv-payments00000006", "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-payments00000006",
            "payments-broker-6", "ns-abcdef0123456789", 10, null);
        rig.DiscoveryServices.Add(otherService);
        rig.DiscoveryTags[otherService.Arn] = Ownership.Tags("payments", 6, new Dictionary<string, string>());

        var observed = await rig.ObserveAsync();

        Assert.Equal([0], observed.Nodes.Select(n => n.NodeId));
    }

    [Fact]
    public async Task An_access_point_of_someone_else_at_the_nodes_root_path_is_in_the_way_and_the_node_does_not_exist()
    {
        var rig = new ObservationRig(clusterSize: 3);
        var ours = rig.AccessPoints.Single(a => a.Name == ObservationRig.BrokerName(2));
        rig.Replace(rig.AccessPoints, ours, ours with { AccessPointId = "fsap-0000000000000other", Tags = new Dictionary<string, string> { ["team"] = "other" } });
        rig.DiscoveryServices.Remove(rig.DiscoveryService(2));
        rig.Services.Remove(rig.Service(2));

        var node = (await rig.ObserveAsync()).Node(2);

        Assert.Equal((Presence.Foreign, "fsap-0000000000000other"), (node.AccessPoint.Presence, node.AccessPoint.Resource?.AccessPointId));
        Assert.False(node.Exists);
    }

    [Fact]
    public async Task Of_two_access_points_tagged_for_the_same_node_the_one_with_the_lowest_id_is_ours()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var ours = rig.AccessPoints.Single();
        rig.Replace(rig.AccessPoints, ours, ours with { AccessPointId = "fsap-0000000000000000b" });
        rig.AccessPoints.Add(ours with { AccessPointId = "fsap-0000000000000000c" });
        rig.AccessPoints.Add(ours with { AccessPointId = "fsap-0000000000000000a" });

        var node = (await rig.ObserveAsync()).Node(0);

        Assert.Equal("fsap-0000000000000000a", node.AccessPoint.OwnedResource?.AccessPointId);
    }

    [Fact]
    public async Task An_access_point_whose_tags_were_stripped_is_still_ours_when_our_task_definition_mounts_it()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var ours = rig.AccessPoints.Single();
        rig.Replace(rig.AccessPoints, ours, ours with { Tags = new Dictionary<string, string>() });

        var node = (await rig.ObserveAsync()).Node(0);

        Assert.Equal((Presence.Owned, ours.AccessPointId), (node.AccessPoint.Presence, node.AccessPoint.Resource?.AccessPointId));
    }

    [Fact]
    public async Task A_discovery_service_our_service_does_not_register_in_is_ours_only_by_its_tags()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var service = rig.Service(0);
        rig.Replace(rig.Services, service, service with { ServiceRegistries = [] });
        rig.DiscoveryTags[rig.DiscoveryService(0).Arn] = new Dictionary<string, string> { ["team"] = "other" };

        var node = (await rig.ObserveAsync()).Node(0);

        Assert.Equal(Presence.Foreign, node.DiscoveryService.Presence);
        Assert.Equal("other", node.DiscoveryService.Tags["team"]);
    }

    [Fact]
    public async Task A_discovery_service_under_a_nodes_name_that_only_another_nodes_service_registers_in_is_never_taken_as_that_nodes()
    {
        var rig = new ObservationRig(clusterSize: 2);
        rig.DiscoveryTags[rig.DiscoveryService(1).Arn] = new Dictionary<string, string> { ["team"] = "other" };
        var service = rig.Service(0);
        rig.Replace(rig.Services, service, service with { ServiceRegistries = [.. service.ServiceRegistries, new ServiceRegistry(rig.DiscoveryService(1).Arn)] });
        rig.Services.Remove(rig.Service(1));

        for (var pass = 0; pass < 2; pass++)
        {
            var observed = await rig.ObserveAsync();
            Assert.Equal(Presence.Owned, observed.Node(0).DiscoveryService.Presence);
            Assert.Equal(Presence.Foreign, observed.Node(1).DiscoveryService.Presence);
        }
    }

    [Fact]
    public async Task Someone_elses_service_under_a_brokers_name_is_not_reported_as_a_running_broker()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var service = rig.Service(0);
        var theirs = new TaskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/theirs:1", 1, "ACTIVE",
            rig.Definitions[service.TaskDefinition].Definition with { Family = "theirs", Tags = new Dictionary<string, string>() });
        rig.Definitions[theirs.Arn] = theirs;
        rig.Replace(rig.Services, service, service with { TaskDefinition = theirs.Arn, Tags = new Dictionary<string, string>(), Deployments = [service.Deployments[0] with { TaskDefinition = theirs.Arn }] });
        var task = rig.Tasks.Single();
        rig.Replace(rig.Tasks, task, task with { TaskDefinitionArn = theirs.Arn });

        var node = (await rig.ObserveAsync()).Node(0);

        Assert.Equal(Presence.Foreign, node.Service.Presence);
        Assert.Null(node.Service.OwnedResource);
        Assert.False(node.IsRunning);
        Assert.Null(node.Task);
    }

    [Fact]
    public async Task A_deleted_task_definition_revision_reads_as_no_current_definition()
    {
        var rig = new ObservationRig(clusterSize: 1);
        rig.Definitions.Clear();

        var node = (await rig.ObserveAsync()).Node(0);

        Assert.Equal(Presence.Owned, node.Service.Presence);
        Assert.Null(node.CurrentTaskDefinition);
    }

    [Fact]
    public async Task A_task_definition_that_cannot_be_described_fails_the_observation()
    {
        var rig = new ObservationRig(clusterSize: 1);
        rig.Ecs.Setup(e => e.DescribeTaskDefinitionAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(ObservationRig.AccessDenied("ecs", "DescribeTaskDefinition"));

        var error = await Assert.ThrowsAsync<AwsApiException>(rig.ObserveAsync);

        Assert.Equal(AwsErrorKind.AccessDenied, error.Kind);
    }

    [Fact]
    public async Task A_node_runs_its_running_task_rather_than_the_one_still_starting()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var running = rig.Tasks.Single();
        rig.Tasks.Add(running with { TaskArn = running.TaskArn + "-new", LastStatus = EcsTaskStatus.Pending, StartedAt = null });

        var node = (await rig.ObserveAsync()).Node(0);

        Assert.Equal(running.TaskArn, node.Task?.TaskArn);
        Assert.True(node.IsRunning);
    }

    [Fact]
    public async Task Of_two_running_tasks_a_node_runs_the_one_started_last()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var old = rig.Tasks.Single();
        var newest = old with { TaskArn = old.TaskArn + "-new", StartedAt = old.StartedAt!.Value.AddMinutes(5) };
        rig.Tasks.Add(newest);

        var node = (await rig.ObserveAsync()).Node(0);

        Assert.Equal(newest.TaskArn, node.Task?.TaskArn);
    }

    [Fact]
    public async Task A_service_pointed_at_a_task_definition_without_the_broker_container_is_still_inspected()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var service = rig.Service(0);
        var ours = rig.Definitions[service.TaskDefinition];
        var edited = new TaskDefinition(ours.Arn.Replace(":1", ":2", StringComparison.Ordinal), 2, "ACTIVE",
            ours.Definition with { ContainerDefinitions = [ours.Definition.ContainerDefinitions[0] with { Name = "sidecar" }] });
        rig.Definitions[edited.Arn] = edited;
        rig.Replace(rig.Services, service, service with { TaskDefinition = edited.Arn });
        rig.Zeebe.Setup(z => z.GetTopologyAsync(It.IsAny<Uri>(), It.IsAny<CancellationToken>())).ReturnsAsync(ObservedStates.Topology([0]));
        rig.Zeebe.Setup(z => z.GetGatewayTopologyAsync(It.IsAny<Uri>(), It.IsAny<CancellationToken>())).ReturnsAsync(ObservedStates.HealthyGateway([0], 3, 1));
        rig.Zeebe.Setup(z => z.CheckHealthAsync(It.IsAny<Uri>(), It.IsAny<HealthProbe>(), It.IsAny<CancellationToken>())).ReturnsAsync(HealthReport.Up);
        var options = Options.Create(new OperatorOptions());
        var inspector = new ClusterInspector(new DesiredStateRenderer("us-east-1"), rig.Observer, TimeProvider.System, options);

        var inspection = await inspector.InspectAsync(rig.Document, previous: null, CancellationToken.None);

        Assert.Same(edited, inspection.Observed.Node(0).CurrentTaskDefinition);
        Assert.NotEmpty(inspection.Plan.Nodes.Single(n => n.NodeId == 0).Actions);
    }
}
