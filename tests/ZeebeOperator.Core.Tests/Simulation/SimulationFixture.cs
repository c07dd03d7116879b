using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Simulation;

/// <summary>A simulated AWS on a manual clock, with request builders shaped like the operator's.</summary>
internal sealed class SimulationFixture
{
    public const string Cluster = "zeebe";

    public SimulationFixture(SimulationOptions? options = null)
    {
        Time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Aws = new SimulatedAws(Time, options ?? new SimulationOptions());
    }

    public ManualTimeProvider Time { get; }

    public SimulatedAws Aws { get; }

    public static CancellationToken Ct => CancellationToken.None;

    public void Advance(TimeSpan by) => Time.Advance(by);

    public void AdvanceSeconds(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    public static TaskDefinitionRequest TaskDefinition(string family, string image = "camunda/zeebe:8.8.0", bool healthCheck = true) => new(
        family,
        "1024",
        "4096",
        "awsvpc",
        ["FARGATE"],
        "arn:aws:iam::000000000000:role/exec",
        null,
        [
            new ContainerDefinition(
                "zeebe",
                image,
                true,
                [new PortMapping("command", 26501)],
                [new KeyValuePairEntry("CAMUNDA_CLUSTER_NODEID", "0")],
                [new MountPoint("data", "/usr/local/zeebe/data")],
                healthCheck ? new ContainerHealthCheck(["CMD-SHELL", "curl -f http://localhost:9600/actuator/health/liveness"], 30, 5, 3, 60) : null,
                null,
                "1001:0",
                60),
        ],
        [new TaskVolume("data", new EfsVolumeConfiguration("fs-12345678", "fsap-0123456789abcdef0"))],
        new Dictionary<string, string> { [TagKeys.ManagedBy] = TagKeys.ManagedByValue });

    public static CreateServiceRequest Service(
        string name,
        string taskDefinition,
        string token = "token-1",
        int desiredCount = 1,
        IReadOnlyList<ServiceRegistry>? registries = null,
        IReadOnlyList<LoadBalancer>? loadBalancers = null) => new(
        token,
        Cluster,
        name,
        taskDefinition,
        desiredCount,
        "FARGATE",
        [],
        new AwsVpcConfiguration(["subnet-1"], ["sg-1"], false),
        new DeploymentConfiguration(100, 0, new DeploymentCircuitBreaker(false, false)),
        registries ?? [],
        loadBalancers ?? [],
        null,
        true,
        "SERVICE",
        new Dictionary<string, string> { [TagKeys.ManagedBy] = TagKeys.ManagedByValue });

    public async Task<TaskDefinition> RegisterAsync(string family, string image = "camunda/zeebe:8.8.0") =>
        await Aws.Ecs.RegisterTaskDefinitionAsync(TaskDefinition(family, image), Ct);

    public async Task<EcsService> DescribeAsync(string name) =>
        Assert.Single(await Aws.Ecs.DescribeServicesAsync(Cluster, [name], Ct));

    public async Task<IReadOnlyList<EcsTask>> LiveTasksAsync(string service)
    {
        var arns = await Aws.Ecs.ListTasksAsync(Cluster, service, Ct);
        return arns.Count == 0 ? [] : await Aws.Ecs.DescribeTasksAsync(Cluster, arns, Ct);
    }
}
