using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>
/// Edges of resolving bridge/host subscriber tasks: bindings that do not reach the notify port, how long addresses and
/// unresolved container instances are remembered, and which problems are logged once or again.
/// </summary>
public sealed class ContainerHostAddressesEdgeTests
{
    private const string EcsCluster = "camunda";
    private const int NotifyPort = 9090;
    private const int TaskNotReached = 940;
    private const int ContainerInstanceUnresolved = 941;
    private const int CallFailed = 942;

    private static readonly TimeSpan UnusedLifetime = TimeSpan.FromHours(1);

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly RecordingLogger<ContainerHostAddresses> _log = new();
    private readonly ContainerHostAddresses _hosts;

    public ContainerHostAddressesEdgeTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions());
        _hosts = new ContainerHostAddresses(_aws.Ecs, _aws.Ec2, _time, Options.Create(new NotifyOptions()), _log);
    }

    [Fact]
    public async Task A_host_mode_task_that_reports_no_containers_is_reached_at_the_container_port()
    {
        var (instance, ec2) = _aws.AddContainerInstance(EcsCluster);

        var endpoint = Assert.Single(await ResolveAsync(NetworkModes.Host, HostTask(0, instance) with { Containers = null }));

        Assert.Equal((ec2.PrivateIpAddress, NotifyPort), ((string?)endpoint.Address, endpoint.Port));
    }

    [Fact]
    public async Task A_bridge_binding_not_published_yet_or_for_udp_does_not_reach_the_task()
    {
        var (instance, ec2) = _aws.AddContainerInstance(EcsCluster);
        var unpublished = HostTask(0, instance, new NetworkBinding(NotifyPort, 0));
        var udp = HostTask(1, instance, new NetworkBinding(NotifyPort, 49160, "udp"));
        var tcp = HostTask(2, instance, new NetworkBinding(NotifyPort, 49161, "TCP"));

        var endpoint = Assert.Single(await ResolveAsync(NetworkModes.Bridge, unpublished, udp, tcp));

        Assert.Equal((tcp.TaskArn, ec2.PrivateIpAddress, 49161), (endpoint.TaskArn, (string?)endpoint.Address, endpoint.Port));
    }

    [Fact]
    public async Task An_address_unused_for_an_hour_is_kept_and_one_unused_for_longer_is_looked_up_again()
    {
        var (instance, ec2) = _aws.AddContainerInstance(EcsCluster);
        var task = HostTask(0, instance);

        await ResolveAsync(NetworkModes.Host, task);
        _time.Advance(UnusedLifetime);
        await ResolveAsync(NetworkModes.Host, task);

        Assert.Equal(1, _aws.Calls.Count("ecs:DescribeContainerInstances"));

        _time.Advance(UnusedLifetime + TimeSpan.FromTicks(1));
        var endpoint = Assert.Single(await ResolveAsync(NetworkModes.Host, task));

        Assert.Equal(2, _aws.Calls.Count("ecs:DescribeContainerInstances"));
        Assert.Equal(2, _aws.Calls.Count("ec2:DescribeInstances"));
        Assert.Equal(ec2.PrivateIpAddress, endpoint.Address);
    }

    [Fact]
    public async Task A_container_instance_ECS_does_not_describe_is_asked_about_again_exactly_when_the_discovery_interval_is_over()
    {
        var task = HostTask(0, "arn:aws:ecs:eu-west-1:123456789012:container-instance/camunda/00000000000000000000000000000000");
        var interval = new NotifyOptions().DiscoveryInterval;

        Assert.Empty(await ResolveAsync(NetworkModes.Host, task));
        _time.Advance(interval - TimeSpan.FromTicks(1));
        Assert.Empty(await ResolveAsync(NetworkModes.Host, task));

        Assert.Equal(1, _aws.Calls.Count("ecs:DescribeContainerInstances"));

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Empty(await ResolveAsync(NetworkModes.Host, task));

        Assert.Equal(2, _aws.Calls.Count("ecs:DescribeContainerInstances"));
        Assert.Equal(1, _log.Count(ContainerInstanceUnresolved));
    }

    [Fact]
    public async Task A_container_instance_whose_EC2_instance_EC2_does_not_know_leaves_out_its_tasks_and_is_reported_with_the_instance_id()
    {
        var (instance, ec2) = _aws.AddContainerInstance(EcsCluster);
        var emptyEc2 = new Mock<IEc2Api>();
        emptyEc2.Setup(e => e.DescribeInstancesAsync(It.IsAny<Ec2InstanceQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Ec2InstancePage([], null));
        var hosts = new ContainerHostAddresses(_aws.Ecs, emptyEc2.Object, _time, Options.Create(new NotifyOptions()), _log);

        Assert.Empty(await hosts.ResolveAsync(EcsCluster, NetworkModes.Host, "listener", NotifyPort, [HostTask(0, instance)], CancellationToken.None));

        var warning = Assert.Single(_log.Entries);
        Assert.Equal(ContainerInstanceUnresolved, warning.EventId);
        Assert.Contains(ec2.InstanceId, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_on_no_container_instance_is_left_out_and_reported_once()
    {
        var fargate = HostTask(0, string.Empty) with { ContainerInstanceArn = null, LaunchType = "FARGATE" };

        Assert.Empty(await ResolveAsync(NetworkModes.Bridge, fargate));
        Assert.Empty(await ResolveAsync(NetworkModes.Bridge, fargate));

        var warning = Assert.Single(_log.Entries);
        Assert.Equal(TaskNotReached, warning.EventId);
        Assert.Contains(fargate.TaskArn, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_DescribeContainerInstances_is_logged_at_its_first_failure_and_not_on_each_pass()
    {
        var (instance, _) = _aws.AddContainerInstance(EcsCluster);
        var task = HostTask(0, instance);
        _aws.Faults.FailNext("ecs:DescribeContainerInstances", AwsErrorKind.ServiceUnavailable, count: 2);

        Assert.Equal(HostEndpoint.Unresolved(task.TaskArn), Assert.Single(await ResolveAsync(NetworkModes.Host, task)));
        Assert.Equal(1, _log.Count(CallFailed));
        Assert.Equal(HostEndpoint.Unresolved(task.TaskArn), Assert.Single(await ResolveAsync(NetworkModes.Host, task)));
        Assert.Equal(1, _log.Count(CallFailed));
    }

    [Fact]
    public async Task A_DescribeInstances_failure_after_a_success_is_logged_again()
    {
        var (first, _) = _aws.AddContainerInstance(EcsCluster);
        _aws.Faults.FailNext("ec2:DescribeInstances", AwsErrorKind.ServiceUnavailable);
        await ResolveAsync(NetworkModes.Host, HostTask(0, first));
        Assert.Single(await ResolveAsync(NetworkModes.Host, HostTask(0, first)), e => e.Address.Length > 0);

        var (second, _) = _aws.AddContainerInstance(EcsCluster);
        _aws.Faults.FailNext("ec2:DescribeInstances", AwsErrorKind.ServiceUnavailable);
        var endpoints = await ResolveAsync(NetworkModes.Host, HostTask(0, first), HostTask(1, second));

        Assert.Equal(HostEndpoint.Unresolved(HostTask(1, second).TaskArn), endpoints[1]);
        Assert.Equal(2, _log.Count(CallFailed));
    }

    private Task<IReadOnlyList<HostEndpoint>> ResolveAsync(string networkMode, params EcsTask[] tasks) =>
        _hosts.ResolveAsync(EcsCluster, networkMode, "listener", NotifyPort, tasks, CancellationToken.None);

    private static EcsTask HostTask(int index, string instance, params NetworkBinding[] bindings) => new(
        $"arn:aws:ecs:eu-west-1:123456789012:task/camunda/task-{index}",
        "arn:aws:ecs:eu-west-1:123456789012:task-definition/listener:1",
        "service:listener",
        EcsTaskStatus.Running,
        EcsTaskStatus.Running,
        "UNKNOWN",
        OperatorHarness.Start,
        null,
        null,
        "EC2",
        instance,
        [new TaskContainer("listener", bindings)]);
}
