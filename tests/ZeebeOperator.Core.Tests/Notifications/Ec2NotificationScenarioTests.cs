using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Notifications;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>
/// Subscriber tasks in <c>bridge</c> and <c>host</c> network mode on EC2 container instances: reached at the instance's
/// private address and the port Docker published the notify port on.
/// </summary>
public sealed class Ec2NotificationScenarioTests : IDisposable
{
    private const string EcsCluster = "camunda";

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly OperatorHarness _operator;
    private readonly Dictionary<string, string> _instanceAddresses = new(StringComparer.Ordinal);

    public Ec2NotificationScenarioTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions());
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2));
        for (var i = 0; i < 2; i++)
        {
            var (arn, instance) = _aws.AddContainerInstance(EcsCluster);
            _instanceAddresses[arn] = instance.PrivateIpAddress!;
        }
    }

    public void Dispose() => _operator.Dispose();

    [Fact]
    public async Task A_bridge_subscriber_on_dynamic_host_ports_and_a_host_mode_subscriber_on_EC2_both_receive_cluster_ready()
    {
        var bridge = await DeployAsync("bridge-listener", "bridge", count: 3, port: 8080);
        var host = await DeployAsync("host-listener", "host", count: 2, port: 9090);
        await ConvergeAsync();

        await DeliverAsync();

        var ready = Assert.Single(_aws.Outbox.All);
        Assert.Equal(NotificationTypes.Ready, ready.Type);
        Assert.True(_aws.Outbox.IsCompleted(ready.EventId));
        // Three bridge tasks on two instances: each got its own dynamic port, never the container port.
        Assert.All(bridge, t => Assert.InRange(t.Endpoint.Port, 49153, 65535));
        Assert.Equal(bridge.Count, bridge.Select(t => t.Endpoint.Authority).Distinct().Count());
        Assert.All(host, t => Assert.Equal(9090, t.Endpoint.Port));
        Assert.All(bridge.Concat(host), t => Assert.Equal(ready.EventId, Assert.Single(_aws.Subscribers.ReceivedBy(t.Endpoint)).IdempotencyKey));
        Assert.Equal(5, _aws.Audit.All.Count(r => r.Action == NotificationDelivery.AuditAction));
    }

    [Fact]
    public async Task An_instance_address_is_looked_up_once_and_a_replacement_task_on_it_is_reached_from_the_cache()
    {
        var first = await DeployAsync("bridge-listener", "bridge", count: 2, port: 8080);
        await ConvergeAsync();
        await DeliverAsync();
        var describedInstances = _aws.Calls.Count("ec2:DescribeInstances");
        var describedContainerInstances = _aws.Calls.Count("ecs:DescribeContainerInstances");

        Assert.True(_aws.Ecs.StopTask(EcsCluster, first[0].TaskArn));
        var replacement = (await RunningAsync("bridge-listener", 2)).Single(t => first.All(f => f.TaskArn != t.TaskArn));
        var broker = (await _operator.StatusAsync())!.Nodes.Single(n => n.NodeId == 1);
        Assert.True(_aws.Ecs.StopTask(EcsCluster, broker.RunningTaskArn!));
        await _operator.ConvergeAsync();
        await DeliverAsync();

        var endpoint = new SubscriberTask(EcsCluster, "bridge-listener", replacement.TaskArn, AddressOf(replacement), PortOf(replacement, "bridge", 8080), SubscriberServices.DefaultPath).Endpoint;
        Assert.Contains(_aws.Subscribers.ReceivedBy(endpoint), r => r.Notification.Type == NotificationTypes.BrokerReplaced);
        Assert.Equal((1, 1), (describedInstances, describedContainerInstances));
        Assert.Equal(describedInstances, _aws.Calls.Count("ec2:DescribeInstances"));
        Assert.Equal(describedContainerInstances, _aws.Calls.Count("ecs:DescribeContainerInstances"));
    }

    [Fact]
    public async Task A_failing_EC2_lookup_does_not_stop_delivery_to_an_awsvpc_subscriber_and_the_event_waits_for_the_bridge_tasks()
    {
        var bridge = await DeployAsync("bridge-listener", "bridge", count: 2, port: 8080);
        var awsvpc = await DeployAsync("vpc-listener", "awsvpc", count: 1, port: 8080);
        await ConvergeAsync();
        _aws.Faults.FailNext("ec2:DescribeInstances", AwsErrorKind.ServiceUnavailable, count: 100);

        await DeliverAsync();

        var ready = Assert.Single(_aws.Outbox.All);
        Assert.Equal(ready.EventId, Assert.Single(_aws.Subscribers.ReceivedBy(Assert.Single(awsvpc).Endpoint)).IdempotencyKey);
        Assert.All(bridge, t => Assert.Empty(_aws.Subscribers.ReceivedBy(t.Endpoint)));
        Assert.False(_aws.Outbox.IsCompleted(ready.EventId));

        _aws.Faults.ClearPlanned();
        await DeliverAsync();

        Assert.All(bridge, t => Assert.Equal(ready.EventId, Assert.Single(_aws.Subscribers.ReceivedBy(t.Endpoint)).IdempotencyKey));
        Assert.Single(_aws.Subscribers.ReceivedBy(Assert.Single(awsvpc).Endpoint));
        Assert.True(_aws.Outbox.IsCompleted(ready.EventId));
    }

    [Fact]
    public async Task A_task_reached_at_its_container_port_instead_of_the_mapped_host_port_refuses_the_connection()
    {
        var task = Assert.Single(await DeployAsync("bridge-listener", "bridge", count: 1, port: 8080));
        var wrong = task with { Port = 8080 };

        var attempt = await _aws.Subscribers.SendAsync(wrong, "e-1", "{}", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed, attempt.Outcome);
        Assert.Equal("connection refused", attempt.Detail);
    }

    private async Task<IReadOnlyList<SubscriberTask>> DeployAsync(string service, string networkMode, int count, int port)
    {
        await SubscriberServices.DeployAsync(_aws.Ecs, EcsCluster, service, count, port: port, networkMode: networkMode);
        var running = await RunningAsync(service, count);
        return [.. running.Select(t => new SubscriberTask(EcsCluster, service, t.TaskArn, AddressOf(t), PortOf(t, networkMode, port), SubscriberServices.DefaultPath))];
    }

    private async Task<IReadOnlyList<EcsTask>> RunningAsync(string service, int count)
    {
        for (var i = 0; i < 30 && _aws.Ecs.GetTasks(EcsCluster, service).Count(t => t.LastStatus == EcsTaskStatus.Running && t.DesiredStatus == EcsTaskStatus.Running) < count; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            _aws.Advance();
            await Task.Yield();
        }

        var running = _aws.Ecs.GetTasks(EcsCluster, service).Where(t => t.LastStatus == EcsTaskStatus.Running && t.DesiredStatus == EcsTaskStatus.Running).ToList();
        Assert.Equal(count, running.Count);
        return running;
    }

    private string AddressOf(EcsTask task) =>
        task.ContainerInstanceArn is { } arn ? _instanceAddresses[arn] : task.PrivateIpv4Address!;

    private static int PortOf(EcsTask task, string networkMode, int port) =>
        networkMode == "bridge" ? Assert.Single(Assert.Single(task.Containers!).NetworkBindings).HostPort : port;

    private async Task ConvergeAsync()
    {
        _operator.Commit(TestSpecs.Orders(clusterSize: 3));
        await _operator.ConvergeAsync();
    }

    private async Task DeliverAsync()
    {
        var delivery = _operator.Services.GetRequiredService<NotificationDelivery>();
        while (await delivery.DeliverDueAsync(0, CancellationToken.None) is { } next)
        {
            _time.Advance(next > _time.GetUtcNow() ? next - _time.GetUtcNow() : TimeSpan.FromMilliseconds(1));
        }
    }
}
