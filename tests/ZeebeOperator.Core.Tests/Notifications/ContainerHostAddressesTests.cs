using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>
/// How bridge/host subscriber tasks are resolved to an instance address against the simulated ECS and EC2: in batches
/// the APIs accept, once per container instance, and with a failure confined to the tasks it concerns.
/// </summary>
public sealed class ContainerHostAddressesTests
{
    private const string EcsCluster = "camunda";
    private const int NotifyPort = 9090;

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

        var first = await ResolveAsync(tasks);
        var second = await ResolveAsync(tasks);

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

        var endpoints = await ResolveAsync(tasks);
        await ResolveAsync(tasks);

        Assert.Equal("task-0", Arns.Task(Assert.Single(endpoints).TaskArn));
        Assert.Equal(1, _aws.Calls.Count("ecs:DescribeContainerInstances"));
        Assert.Contains(_warnings.Messages, l => l.Contains(gone.InstanceId, StringComparison.Ordinal) && l.Contains("terminated", StringComparison.Ordinal));
        Assert.Contains(_warnings.Messages, l => l.Contains(unknown, StringComparison.Ordinal) && l.Contains("MISSING", StringComparison.Ordinal));

        _time.Advance(new NotifyOptions().DiscoveryInterval);
        await ResolveAsync(tasks);

        Assert.Equal(2, _aws.Calls.Count("ecs:DescribeContainerInstances"));
        Assert.Equal(2, _warnings.Messages.Count);
    }

    [Fact]
    public async Task A_failed_call_makes_its_tasks_unresolved_is_logged_once_and_is_made_again_on_the_next_pass()
    {
        var (instance, ec2) = _aws.AddContainerInstance(EcsCluster);
        var tasks = new[] { HostTask(0, instance) };
        _aws.Faults.FailNext("ec2:DescribeInstances", AwsErrorKind.ServiceUnavailable, count: 2);

        Assert.Equal(HostEndpoint.Unresolved(tasks[0].TaskArn), Assert.Single(await ResolveAsync(tasks)));
        Assert.Equal(HostEndpoint.Unresolved(tasks[0].TaskArn), Assert.Single(await ResolveAsync(tasks)));
        var endpoint = Assert.Single(await ResolveAsync(tasks));

        Assert.Equal(ec2.PrivateIpAddress, endpoint.Address);
        Assert.Single(_warnings.Messages, l => l.Contains("ec2:DescribeInstances failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bridge_task_is_reached_at_its_network_binding_and_one_without_a_binding_for_the_notify_port_is_left_out()
    {
        var (instance, ec2) = _aws.AddContainerInstance(EcsCluster);
        var bound = HostTask(0, instance) with { Containers = [new TaskContainer("listener", [new NetworkBinding(NotifyPort, 49160)])] };
        var unbound = HostTask(1, instance) with { Containers = [new TaskContainer("listener", [new NetworkBinding(8081, 49161)])] };

        var endpoint = Assert.Single(await _hosts.ResolveAsync(EcsCluster, NetworkModes.Bridge, "listener", NotifyPort, [bound, unbound], CancellationToken.None));

        Assert.Equal((bound.TaskArn, ec2.PrivateIpAddress, 49160), (endpoint.TaskArn, (string?)endpoint.Address, endpoint.Port));
        Assert.Contains(_warnings.Messages, l => l.Contains(unbound.TaskArn, StringComparison.Ordinal) && l.Contains("no network binding", StringComparison.Ordinal));
    }

    private Task<IReadOnlyList<HostEndpoint>> ResolveAsync(IReadOnlyList<EcsTask> tasks) =>
        _hosts.ResolveAsync(EcsCluster, NetworkModes.Host, "listener", NotifyPort, tasks, CancellationToken.None);

    private static EcsTask HostTask(int index, string containerInstanceArn) => new(
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
        [new TaskContainer("listener", [])]);

    private static class Arns
    {
        public static string Task(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
    }
}
