using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Simulation.Notifications;

/// <summary>
/// Deploys a subscriber service on the simulated ECS through its API, as a team would: a task definition whose
/// container carries the notify labels, and a service running it (tasks start as the clock moves).
/// </summary>
public static class SubscriberServices
{
    public const string DefaultPath = "/v1.0/notify";
    public const int DefaultPort = 8080;

    /// <param name="networkMode">
    /// <c>awsvpc</c> runs on Fargate; <c>bridge</c> and <c>host</c> run on the cluster's EC2 container instances (launch
    /// type EC2), bridge publishing the port on <paramref name="hostPort"/> (null: a dynamic port).
    /// </param>
    public static async Task<EcsService> DeployAsync(
        IEcsApi ecs,
        string ecsCluster,
        string name,
        int taskCount,
        int port = DefaultPort,
        string path = DefaultPath,
        string networkMode = "awsvpc",
        int? hostPort = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        var onFargate = networkMode == "awsvpc";
        var labels = new Dictionary<string, string> { ["NOTIFY_ME_CONTAINER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["NOTIFY_ME_API_URI"] = path };
        var definition = await ecs.RegisterTaskDefinitionAsync(
            new TaskDefinitionRequest(
                name,
                "256",
                "512",
                networkMode,
                [onFargate ? "FARGATE" : "EC2"],
                "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
                null,
                [new ContainerDefinition(name, "public.ecr.aws/example/notify-subscriber:1.0", true, [new PortMapping("notify", port, HostPort: hostPort)], [], [], null, null, null, null, DockerLabels: labels)],
                [],
                new Dictionary<string, string>()),
            cancellationToken).ConfigureAwait(false);
        return await ecs.CreateServiceAsync(
            new CreateServiceRequest(
                name,
                ecsCluster,
                name,
                definition.Arn,
                taskCount,
                onFargate ? "FARGATE" : "EC2",
                [],
                onFargate ? new AwsVpcConfiguration(["subnet-0a1b2c3d4e5f60718"], ["sg-0a1b2c3d4e5f60718"], false) : new AwsVpcConfiguration([], [], false),
                new DeploymentConfiguration(200, 100, new DeploymentCircuitBreaker(false, false)),
                [],
                [],
                null,
                false,
                "NONE",
                new Dictionary<string, string>()),
            cancellationToken).ConfigureAwait(false);
    }
}
