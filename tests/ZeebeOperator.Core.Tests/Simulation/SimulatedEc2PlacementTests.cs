using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation.Notifications;

namespace ZeebeOperator.Core.Tests.Simulation;

/// <summary>
/// EC2 container instances in the simulated ECS and the simulated EC2 behind them: placement, network bindings,
/// DescribeContainerInstances and DescribeInstances as the real APIs answer.
/// </summary>
public sealed class SimulatedEc2PlacementTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Bridge_tasks_get_distinct_dynamic_host_ports_and_a_static_host_port_fits_once_per_instance()
    {
        var sim = new SimulationFixture();
        var (instance, ec2) = sim.Aws.AddContainerInstance(SimulationFixture.Cluster);
        await SubscriberServices.DeployAsync(sim.Aws.Ecs, SimulationFixture.Cluster, "dynamic", 3, networkMode: "bridge");
        await SubscriberServices.DeployAsync(sim.Aws.Ecs, SimulationFixture.Cluster, "fixed", 2, port: 9000, networkMode: "bridge", hostPort: 9000);
        sim.AdvanceSeconds(60);

        var dynamic = sim.Aws.Ecs.GetTasks(SimulationFixture.Cluster, "dynamic");
        var fixedPort = sim.Aws.Ecs.GetTasks(SimulationFixture.Cluster, "fixed");

        var ports = dynamic.Select(t => Assert.Single(Assert.Single(t.Containers!).NetworkBindings)).ToList();
        Assert.All(ports, b => Assert.Equal(8080, b.ContainerPort));
        Assert.All(ports, b => Assert.InRange(b.HostPort, 49153, 65535));
        Assert.Equal(3, ports.Select(b => b.HostPort).Distinct().Count());
        Assert.All(dynamic, t => Assert.Equal(("EC2", instance, null), (t.LaunchType, t.ContainerInstanceArn, t.PrivateIpv4Address)));
        // The second task wanting host port 9000 finds no instance with it free: ECS cannot place it.
        Assert.Equal(9000, Assert.Single(Assert.Single(Assert.Single(fixedPort).Containers!).NetworkBindings).HostPort);
        Assert.True(sim.Aws.Ecs.IsListening(ec2.PrivateIpAddress!, 9000));
        Assert.False(sim.Aws.Ecs.IsListening(ec2.PrivateIpAddress!, 8080));

        sim.Aws.AddContainerInstance(SimulationFixture.Cluster);
        sim.AdvanceSeconds(60);

        Assert.Equal(2, sim.Aws.Ecs.GetTasks(SimulationFixture.Cluster, "fixed").Select(t => t.ContainerInstanceArn).Distinct().Count());
    }

    [Fact]
    public async Task Without_a_container_instance_a_bridge_task_is_not_placed()
    {
        var sim = new SimulationFixture();
        await SubscriberServices.DeployAsync(sim.Aws.Ecs, SimulationFixture.Cluster, "listener", 1, networkMode: "host");
        sim.AdvanceSeconds(60);

        Assert.Empty(sim.Aws.Ecs.GetTasks(SimulationFixture.Cluster, "listener"));
    }

    [Fact]
    public async Task A_port_mapping_and_network_configuration_that_do_not_fit_the_network_mode_are_refused()
    {
        var sim = new SimulationFixture();
        var awsvpc = SimulationFixture.TaskDefinition("vpc");
        var container = awsvpc.ContainerDefinitions[0];

        var hostPort = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.RegisterTaskDefinitionAsync(
            awsvpc with { ContainerDefinitions = [container with { PortMappings = [new PortMapping("command", 26501, HostPort: 80)] }] }, Ct));
        var bridge = await sim.Aws.Ecs.RegisterTaskDefinitionAsync(awsvpc with { Family = "bridged", NetworkMode = "bridge", RequiresCompatibilities = ["EC2"] }, Ct);
        var network = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.CreateServiceAsync(
            SimulationFixture.Service("bridged", bridge.Arn) with { LaunchType = "EC2" }, Ct));

        Assert.Equal("When networkMode=awsvpc, the host ports and container ports in port mappings must match.", hostPort.ErrorMessage);
        Assert.Equal(("InvalidParameterException", "Network Configuration is not valid for the given networkMode of this task definition."), (network.ErrorCode, network.ErrorMessage));
    }

    [Fact]
    public async Task Describe_container_instances_takes_at_most_100_and_reports_unknown_ones_as_missing_failures()
    {
        var sim = new SimulationFixture();
        var (known, ec2) = sim.Aws.AddContainerInstance(SimulationFixture.Cluster);
        var unknown = known[..known.LastIndexOf('/')] + "/0123456789abcdef0123456789abcdef";

        var result = await sim.Aws.Ecs.DescribeContainerInstancesAsync(SimulationFixture.Cluster, [known, unknown], Ct);
        var tooMany = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.DescribeContainerInstancesAsync(
            SimulationFixture.Cluster, [.. Enumerable.Repeat(known, 101)], Ct));

        Assert.Equal(new ContainerInstance(known, ec2.InstanceId, "ACTIVE"), Assert.Single(result.ContainerInstances));
        Assert.Equal(new EcsFailure(unknown, "MISSING"), Assert.Single(result.Failures));
        Assert.Equal((AwsErrorKind.InvalidParameter, "InvalidParameterException"), (tooMany.Kind, tooMany.ErrorCode));
    }

    [Fact]
    public async Task Describe_instances_fails_for_an_unknown_id_but_the_instance_id_filter_leaves_it_out_and_pages()
    {
        var sim = new SimulationFixture();
        var instances = Enumerable.Range(0, 7).Select(_ => sim.Aws.Ec2.LaunchInstance()).ToList();
        sim.Aws.Ec2.TerminateInstance(instances[6].InstanceId);
        const string Unknown = "i-0123456789abcdef0";
        var ids = instances.Select(i => i.InstanceId).Append(Unknown).ToList();

        var notFound = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ec2.DescribeInstancesAsync(new Ec2InstanceQuery(InstanceIds: ids), Ct));
        var malformed = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ec2.DescribeInstancesAsync(new Ec2InstanceQuery(InstanceIds: ["web-1"]), Ct));
        var combined = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ec2.DescribeInstancesAsync(new Ec2InstanceQuery(InstanceIds: ids, MaxResults: 5), Ct));
        var tooManyValues = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ec2.DescribeInstancesAsync(new Ec2InstanceQuery(InstanceIdFilter: [.. Enumerable.Repeat(Unknown, 201)]), Ct));
        var first = await sim.Aws.Ec2.DescribeInstancesAsync(new Ec2InstanceQuery(InstanceIdFilter: ids, MaxResults: 5), Ct);
        var second = await sim.Aws.Ec2.DescribeInstancesAsync(new Ec2InstanceQuery(InstanceIdFilter: ids, MaxResults: 5, NextToken: first.NextToken), Ct);

        Assert.Equal((AwsErrorKind.NotFound, "InvalidInstanceID.NotFound", $"The instance ID '{Unknown}' does not exist"), (notFound.Kind, notFound.ErrorCode, notFound.ErrorMessage));
        Assert.Equal("InvalidInstanceID.Malformed", malformed.ErrorCode);
        Assert.Equal("InvalidParameterCombination", combined.ErrorCode);
        Assert.Equal("FilterLimitExceeded", tooManyValues.ErrorCode);
        Assert.Equal(instances, first.Instances.Concat(second.Instances).Select(i => i.State == "terminated" ? instances[6] : i));
        Assert.Null(second.NextToken);
        Assert.Equal(("terminated", null), (second.Instances[^1].State, second.Instances[^1].PrivateIpAddress));
    }
}
