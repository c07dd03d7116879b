using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>
/// Which ECS services are taken as subscribers (their notify labels), which of their tasks are reached, and how long the
/// listing of services is reused, against a scripted ECS.
/// </summary>
public sealed class EcsSubscriberDirectoryTests
{
    private const string EcsCluster = "camunda";
    private const string ServiceName = "listener";
    private const string TaskDefinitionArn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/listener:1";
    private const string PortLabel = "NOTIFY_ME_CONTAINER_PORT";
    private const string UriLabel = "NOTIFY_ME_API_URI";

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly Mock<IEcsApi> _ecs = new();
    private readonly RecordingLogger<EcsSubscriberDirectory> _log = new();
    private readonly EcsSubscriberDirectory _directory;

    public EcsSubscriberDirectoryTests()
    {
        _directory = new EcsSubscriberDirectory(_ecs.Object, _time, Options.Create(new NotifyOptions()), _log);
    }

    [Fact]
    public async Task Only_tasks_that_run_and_are_meant_to_keep_running_are_subscribers()
    {
        Deploy(NetworkModes.AwsVpc, [Listener("8080", "/v1.0/notify")],
            Task(0),
            Task(1) with { DesiredStatus = EcsTaskStatus.Stopped },
            Task(2) with { LastStatus = EcsTaskStatus.Pending });

        var subscriber = Assert.Single(await SubscribersAsync());

        Assert.Equal(Task(0).TaskArn, subscriber.TaskArn);
        Assert.Equal(new Uri("http://10.0.0.0:8080/v1.0/notify"), subscriber.Endpoint);
    }

    [Fact]
    public async Task A_container_without_notify_labels_before_the_labelled_one_does_not_hide_it()
    {
        Deploy(NetworkModes.AwsVpc, [Container("envoy", ("ENVOY", "1")), Listener("9090", "/hooks")], Task(0));

        var subscriber = Assert.Single(await SubscribersAsync());

        Assert.Equal(new Uri("http://10.0.0.0:9090/hooks"), subscriber.Endpoint);
        Assert.Empty(_log.Messages);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_container_with_only_one_notify_label_makes_the_service_no_subscriber_and_the_warning_names_both_labels(bool hasPort)
    {
        var half = hasPort ? Container("listener", (PortLabel, "8080")) : Container("listener", (UriLabel, "/v1.0/notify"));
        Deploy(NetworkModes.AwsVpc, [half, Listener("8080", "/v1.0/notify")], Task(0));

        Assert.Empty(await SubscribersAsync());

        var warning = Assert.Single(_log.Messages);
        Assert.Contains(ServiceName, warning, StringComparison.Ordinal);
        Assert.Contains(PortLabel, warning, StringComparison.Ordinal);
        Assert.Contains(UriLabel, warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("65535")]
    public async Task The_lowest_and_highest_port_numbers_are_taken(string port)
    {
        Deploy(NetworkModes.AwsVpc, [Listener(port, "/v1.0/notify")], Task(0));

        Assert.Equal(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(await SubscribersAsync()).Port);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("70000")]
    [InlineData("http")]
    [InlineData("-1")]
    public async Task A_port_label_that_is_no_port_number_makes_the_service_no_subscriber_and_is_reported(string port)
    {
        Deploy(NetworkModes.AwsVpc, [Listener(port, "/v1.0/notify")], Task(0));

        Assert.Empty(await SubscribersAsync());

        var warning = Assert.Single(_log.Messages);
        Assert.Contains(ServiceName, warning, StringComparison.Ordinal);
        Assert.Contains(PortLabel, warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1.0/notify")]
    [InlineData("")]
    [InlineData("http://other/notify")]
    public async Task A_uri_label_that_is_no_absolute_path_makes_the_service_no_subscriber_and_is_reported(string uri)
    {
        Deploy(NetworkModes.AwsVpc, [Listener("8080", uri)], Task(0));

        Assert.Empty(await SubscribersAsync());

        var warning = Assert.Single(_log.Messages);
        Assert.Contains(ServiceName, warning, StringComparison.Ordinal);
        Assert.Contains(UriLabel, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_in_a_network_mode_without_task_addresses_is_reported_once_however_often_it_is_asked()
    {
        Deploy("none", [Listener("8080", "/v1.0/notify")], Task(0));

        Assert.Empty(await SubscribersAsync());
        var warning = Assert.Single(_log.Messages);
        Assert.Empty(await SubscribersAsync());
        Assert.Empty(await SubscribersAsync());

        Assert.Equal(warning, Assert.Single(_log.Messages));
        Assert.Contains(ServiceName, warning, StringComparison.Ordinal);
        Assert.Contains("none", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bridge_service_is_reported_when_the_backend_cannot_resolve_container_instance_addresses()
    {
        Deploy(NetworkModes.Bridge, [Listener("8080", "/v1.0/notify")], Task(0));

        Assert.Empty(await SubscribersAsync());

        var warning = Assert.Single(_log.Messages);
        Assert.Contains(ServiceName, warning, StringComparison.Ordinal);
        Assert.Contains(NetworkModes.Bridge, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_services_are_listed_again_exactly_when_the_discovery_interval_is_over()
    {
        Deploy(NetworkModes.AwsVpc, [Listener("8080", "/v1.0/notify")], Task(0));
        var interval = new NotifyOptions().DiscoveryInterval;

        await SubscribersAsync();
        _time.Advance(interval - TimeSpan.FromTicks(1));
        await SubscribersAsync();

        _ecs.Verify(e => e.ListServicesAsync(EcsCluster, It.IsAny<CancellationToken>()), Times.Once);
        _ecs.Verify(e => e.ListTasksAsync(EcsCluster, ServiceName, It.IsAny<CancellationToken>()), Times.Exactly(2));

        _time.Advance(TimeSpan.FromTicks(1));
        await SubscribersAsync();

        _ecs.Verify(e => e.ListServicesAsync(EcsCluster, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    private Task<IReadOnlyList<SubscriberTask>> SubscribersAsync() => _directory.SubscribersAsync([EcsCluster], CancellationToken.None);

    private void Deploy(string networkMode, IReadOnlyList<ContainerDefinition> containers, params EcsTask[] tasks)
    {
        var definition = new TaskDefinition(
            TaskDefinitionArn,
            1,
            "ACTIVE",
            new TaskDefinitionRequest(ServiceName, "256", "512", networkMode, ["FARGATE"], "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", null, containers, [], new Dictionary<string, string>()));
        var service = new EcsService(
            $"arn:aws:ecs:eu-west-1:123456789012:service/{EcsCluster}/{ServiceName}",
            ServiceName,
            $"arn:aws:ecs:eu-west-1:123456789012:cluster/{EcsCluster}",
            EcsServiceStatus.Active,
            TaskDefinitionArn,
            tasks.Length,
            tasks.Length,
            0,
            "FARGATE",
            [],
            null,
            new DeploymentConfiguration(200, 100, new DeploymentCircuitBreaker(false, false)),
            [],
            [],
            null,
            [],
            new Dictionary<string, string>());
        _ecs.Setup(e => e.ListServicesAsync(EcsCluster, It.IsAny<CancellationToken>())).ReturnsAsync([service.ServiceArn]);
        _ecs.Setup(e => e.DescribeServicesAsync(EcsCluster, It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([service]);
        _ecs.Setup(e => e.DescribeTaskDefinitionAsync(TaskDefinitionArn, It.IsAny<CancellationToken>())).ReturnsAsync(definition);
        _ecs.Setup(e => e.ListTasksAsync(EcsCluster, ServiceName, It.IsAny<CancellationToken>())).ReturnsAsync([.. tasks.Select(t => t.TaskArn)]);
        _ecs.Setup(e => e.DescribeTasksAsync(EcsCluster, It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(tasks);
    }

    private static ContainerDefinition Listener(string port, string uri) => Container("listener", (PortLabel, port), (UriLabel, uri));

    private static ContainerDefinition Container(string name, params (string Key, string Value)[] labels) => new(
        name,
        "public.ecr.aws/example/notify-subscriber:1.0",
        true,
        [],
        [],
        [],
        null,
        null,
        null,
        null,
        DockerLabels: labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal));

    private static EcsTask Task(int index) => new(
        $"arn:aws:ecs:eu-west-1:123456789012:task/{EcsCluster}/task-{index}",
        TaskDefinitionArn,
        "service:" + ServiceName,
        EcsTaskStatus.Running,
        EcsTaskStatus.Running,
        "UNKNOWN",
        OperatorHarness.Start,
        null,
        $"10.0.0.{index}",
        "FARGATE");
}
