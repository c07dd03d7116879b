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
/// How bridge/host subscriber tasks are resolved to an instance address against the simulated ECS and EC2: in batches
/// the APIs accept, once per container instance, and with a failure confined to the tasks it concerns; bindings that do
/// not reach the notify port, how long addresses and unresolved container instances are remembered, and which problems
/// are logged once or again.
/// </summary>
public sealed class ContainerHostAddressesTests
{
    private const string EcsCluster = "camunda";
    private const int NotifyPort = 9090;
    private const int TaskNotReached = 940;
    private const int ContainerInstanceUnresolved = 941;
    private const int CallFailed = 942;

    private static readonly TimeSpan UnusedLifetime = TimeSpan.FromHours(1);

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly RecordingLogger<ContainerHostAddresses> _warnings = new();
    private readonly ContainerHostAddresses _hosts;

    public ContainerHostAddressesTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions());
        _hosts = new ContainerHostAddresses(_aws.Ecs, _aws.Ec2, _time, Options.Create(new NotifyOptions()), _warnings);
    }

    [Fact]
    public async Task Container_instances_are_described_100_and_their_instances_200_at_a_time_and_then_come_from_the_cache()
    {
        var placed = Enumerable.Range(0, 250).Select(_ => _aws.AddContainerInstance(EcsCluster)).ToList();
        var tasks = placed.Select((p, i) => HostTask(i, p.ContainerInstanceArn)).ToList();

        var first = await ResolveAsync(NetworkModes.Host, tasks);
        var second = await ResolveAsync(NetworkModes.Host, tasks);

        Assert.Equal(placed.Select(p => (p.Instance.PrivateIpAddress, NotifyPort)), first.Select(e => ((string?)e.Address, e.Port)));
        Assert.Equal(first, second);
        Assert.Equal(3, _aws.Calls.Count("ecs:DescribeContainerInstances"));
        Assert.Equal(2, _aws.Calls.Count("ec2:DescribeInstances"));
        Assert.Equal(250, _hosts.CachedCount);
    }

    [Fact]
    public async Task An_unknown_container_instance_and_a_terminated_instance_leave_out_only_their_tasks_and_are_asked_again_after_the_discovery_interval()
    {
        var (healthy, _) = _aws.AddContainerInstance(EcsCluster);
        var (terminated, gone) = _aws.AddContainerInstance(EcsCluster);
        _aws.Ec2.TerminateInstance(gone.InstanceId);
        var unknown = "arn:aws:ecs:eu-west-1:123456789012:container-instance/camunda/00000000000000000000000000000000";
        var tasks = new[] { HostTask(0, healthy), HostTask(1, terminated), HostTask(2, unknown) };

        var endpoints = await ResolveAsync(NetworkModes.Host, tasks);
        await ResolveAsync(NetworkModes.Host, tasks);

        Assert.Equal("task-0", Arns.Task(Assert.Single(endpoints).TaskArn));
        Assert.Equal(1, _aws.Calls.Count("ecs:DescribeContainerInstances"));
        Assert.Contains(_warnings.Messages, l => l.Contains(gone.InstanceId, StringComparison.Ordinal) && l.Contains("terminated", StringComparison.Ordinal));
        Assert.Contains(_warnings.Messages, l => l.Contains(unknown, StringComparison.Ordinal) && l.Contains("MISSING", StringComparison.Ordinal));

        _time.Advance(new NotifyOptions().DiscoveryInterval);
        await ResolveAsync(NetworkModes.Host, tasks);

        Assert.Equal(2, _aws.Calls.Count("ecs:DescribeContainerInstances"));
        Assert.Equal(2, _warnings.Messages.Count);
    }

    [Fact]
    public async Task A_failed_call_makes_its_tasks_unresolved_is_logged_once_and_is_made_again_on_the_next_pass()
    {
        var (instance, ec2) = _aws.AddContainerInstance(EcsCluster);
        var tasks = new[] { HostTask(0, instance) };
        _aws.Faults.FailNext("ec2:DescribeInstances", AwsErrorKind.ServiceUnavailable, count: 2);

        Assert.Equal(HostEndpoint.Unresolved(tasks[0].TaskArn), Assert.Single(await ResolveAsync(NetworkModes.Host, tasks)));
        Assert.Equal(HostEndpoint.Unresolved(tasks[0].TaskArn), Assert.Single(await ResolveAsync(NetworkModes.Host, tasks)));
        var endpoint = Assert.Single(await ResolveAsync(NetworkModes.Host, tasks));

        Assert.Equal(ec2.PrivateIpAddress, endpoint.Address);
        Assert.Single(_warnings.Messages, l => l.Contains("ec2:DescribeInstances failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bridge_task_is_reached_at_its_network_binding_and_one_without_a_binding_for_the_notify_port_is_left_out()
    {
        var (instance, ec2) = _aws.AddContainerInstance(EcsCluster);
        var bound = HostTask(0, instance) with { Containers = [new TaskContainer("listener", [new NetworkBinding(NotifyPort, 49160)])] };
        var unbound = HostTask(1, instance) with { Containers = [new TaskContainer("listener", [new NetworkBinding(8081, 49161)])] };

        var endpoint = Assert.Single(await ResolveAsync(NetworkModes.Bridge, bound, unbound));

        Assert.Equal((bound.TaskArn, ec2.PrivateIpAddress, 49160), (endpoint.TaskArn, (string?)endpoint.Address, endpoint.Port));
        Assert.Contains(_warnings.Messages, l => l.Contains(unbound.TaskArn, StringComparison.Ordinal) && l.Contains("no network binding", StringComparison.Ordinal));
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
        Assert.Equal(1, _warnings.Count(ContainerInstanceUnresolved));
    }

    [Fact]
    public async Task A_container_instance_whose_EC2_instance_EC2_does_not_know_leaves_out_its_tasks_and_is_reported_with_the_instance_id()
    {
        var (instance, ec2) = _aws.AddContainerInstance(EcsCluster);
        var emptyEc2 = new Mock<IEc2Api>();
        emptyEc2.Setup(e => e.DescribeInstancesAsync(It.IsAny<Ec2InstanceQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Ec2InstancePage([], null));
        var hosts = new ContainerHostAddresses(_aws.Ecs, emptyEc2.Object, _time, Options.Create(new NotifyOptions()), _warnings);

        Assert.Empty(await hosts.ResolveAsync(EcsCluster, NetworkModes.Host, "listener", NotifyPort, [HostTask(0, instance)], CancellationToken.None));

        var warning = Assert.Single(_warnings.Entries);
        Assert.Equal(ContainerInstanceUnresolved, warning.EventId);
        Assert.Contains(ec2.InstanceId, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_on_no_container_instance_is_left_out_and_reported_once()
    {
        var fargate = HostTask(0, string.Empty) with { ContainerInstanceArn = null, LaunchType = "FARGATE" };

        Assert.Empty(await ResolveAsync(NetworkModes.Bridge, fargate));
        Assert.Empty(await ResolveAsync(NetworkModes.Bridge, fargate));

        var warning = Assert.Single(_warnings.Entries);
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
        Assert.Equal(1, _warnings.Count(CallFailed));
        Assert.Equal(HostEndpoint.Unresolved(task.TaskArn), Assert.Single(await ResolveAsync(NetworkModes.Host, task)));
        Assert.Equal(1, _warnings.Count(CallFailed));
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
        Assert.Equal(2, _warnings.Count(CallFailed));
    }

    private Task<IReadOnlyList<HostEndpoint>> ResolveAsync(string networkMode, params IReadOnlyList<EcsTask> tasks) =>
        _hosts.ResolveAsync(EcsCluster, networkMode, "listener", NotifyPort, tasks, CancellationToken.None);

    private static EcsTask HostTask(int index, string containerInstanceArn, params NetworkBinding[] bindings) => new(
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
        containerInstanceArn,
        [new TaskContainer("listener", bindings)]);

    private static class Arns
    {
        public static string Task(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
    }
}
