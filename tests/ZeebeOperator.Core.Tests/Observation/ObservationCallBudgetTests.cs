using Moq;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Tests.Observation;

/// <summary>
/// What the observer asks AWS for across passes (every read counts against the account's throttling quotas), and
/// the gateway's ownership, which decides which of its reads are needed.
/// </summary>
public sealed class ObservationCallBudgetTests
{
    [Fact]
    public async Task A_gateway_service_of_someone_else_is_reported_foreign_and_its_instances_are_not_listed()
    {
        var rig = new ObservationRig(clusterSize: 1);
        rig.AddGateway(new Dictionary<string, string> { ["team"] = "other" });

        var gateway = (await rig.ObserveAsync()).Gateway;

        Assert.Equal(Presence.Foreign, gateway?.Service.Presence);
        Assert.Empty(gateway!.Instances);
        Assert.Equal(0, rig.CallCount("ListInstances"));
    }

    [Fact]
    public async Task Our_gateway_services_tags_are_read_once_then_only_its_instances_are_listed()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var service = rig.AddGateway();

        var first = (await rig.ObserveAsync()).Gateway;
        var second = (await rig.ObserveAsync()).Gateway;

        Assert.Equal((Presence.Owned, Presence.Owned), (first?.Service.Presence, second?.Service.Presence));
        Assert.Equal(["node-0"], second!.Instances.Select(i => i.Id));
        Assert.Equal(1, rig.CallCount("ListTagsForResource", service.Arn));
        Assert.Equal(2, rig.CallCount("ListInstances", service.Id));
    }

    [Fact]
    public async Task A_gateway_service_deleted_while_it_is_read_is_reported_absent()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var service = rig.AddGateway();
        rig.Instances.Remove(service.Id);

        var gateway = (await rig.ObserveAsync()).Gateway;

        Assert.Equal(Presence.Absent, gateway?.Service.Presence);
        Assert.Empty(gateway!.Instances);
    }

    [Fact]
    public async Task A_deleted_gateway_service_that_is_still_listed_reads_as_absent_on_every_pass()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var service = rig.AddGateway();
        await rig.ObserveAsync();
        rig.Instances.Remove(service.Id);
        rig.DiscoveryTags.Remove(service.Arn);

        var afterDeletion = (await rig.ObserveAsync()).Gateway;
        var stillListed = (await rig.ObserveAsync()).Gateway;

        Assert.Equal((Presence.Absent, Presence.Absent), (afterDeletion?.Service.Presence, stillListed?.Service.Presence));
    }

    [Fact]
    public async Task The_tags_of_the_discovery_services_our_services_register_in_are_read_one_per_pass_each_in_turn()
    {
        var rig = new ObservationRig(clusterSize: 3);

        for (var pass = 0; pass < 3; pass++)
        {
            var observed = await rig.ObserveAsync();
            Assert.All(observed.Nodes, n => Assert.Equal(Presence.Owned, n.DiscoveryService.Presence));
            Assert.Equal(pass + 1, rig.CallCount("ListTagsForResource"));
        }

        Assert.All(rig.DiscoveryServices, s => Assert.Equal(1, rig.CallCount("ListTagsForResource", s.Arn)));
    }

    [Fact]
    public async Task A_service_whose_task_stopped_has_its_next_task_listed_without_describing_the_stopped_one_again()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var service = rig.Service(0);
        var first = rig.Tasks.Single();
        await rig.ObserveAsync();

        // The task stops; ECS starts a replacement.
        rig.Replace(rig.Tasks, first, first with { LastStatus = EcsTaskStatus.Stopped, DesiredStatus = EcsTaskStatus.Stopped });
        var replacement = first with { TaskArn = first.TaskArn + "-2", LastStatus = EcsTaskStatus.Pending, StartedAt = null };
        rig.Tasks.Add(replacement);
        rig.Replace(rig.Services, service, service with { RunningCount = 0, PendingCount = 1 });
        Assert.False((await rig.ObserveAsync()).Node(0).IsRunning);

        // The replacement runs: the service is settled again.
        rig.Replace(rig.Tasks, replacement, replacement with { LastStatus = EcsTaskStatus.Running, StartedAt = first.StartedAt!.Value.AddMinutes(1) });
        rig.Replace(rig.Services, rig.Service(0), service);
        rig.Calls.Clear();
        var node = (await rig.ObserveAsync()).Node(0);

        Assert.Equal(replacement.TaskArn, node.Task?.TaskArn);
        Assert.Equal(["ListTasks orders-broker-0", $"DescribeTasks {replacement.TaskArn}"], rig.Calls.Where(c => c.Contains("Tasks", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failed_observation_ends_only_after_its_other_first_reads_are_answered()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var listing = new TaskCompletionSource<IReadOnlyList<DiscoveryService>>();
        rig.Discovery.Setup(d => d.ListServicesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(listing.Task);
        rig.Efs.Setup(e => e.DescribeAccessPointsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(ObservationRig.AccessDenied("elasticfilesystem", "DescribeAccessPoints"));

        var observation = rig.ObserveAsync();
        var endedEarly = observation.IsCompleted;
        listing.SetResult([.. rig.DiscoveryServices]);

        Assert.False(endedEarly);
        await Assert.ThrowsAsync<AwsApiException>(() => observation);
    }

    [Fact]
    public async Task A_failed_observation_ends_only_after_the_gateway_read_is_answered()
    {
        var rig = new ObservationRig(clusterSize: 1);
        var gateway = rig.AddGateway();
        var instances = new TaskCompletionSource<IReadOnlyList<ServiceInstance>>();
        rig.Discovery.Setup(d => d.ListInstancesAsync(gateway.Id, It.IsAny<CancellationToken>())).Returns(instances.Task);
        rig.Ecs.Setup(e => e.DescribeTaskDefinitionAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(ObservationRig.AccessDenied("ecs", "DescribeTaskDefinition"));

        var observation = rig.ObserveAsync();
        var endedEarly = observation.IsCompleted;
        instances.SetResult(rig.Instances[gateway.Id]);

        Assert.False(endedEarly);
        await Assert.ThrowsAsync<AwsApiException>(() => observation);
    }
}
