using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Tests.Simulation;

/// <summary>ECS load balancers as ECS has them: part of the deployment, so changing them replaces the task.</summary>
public sealed class SimulatedEcsLoadBalancerTests
{
    private const string Grpc = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-grpc/0123456789abcdef";
    private const string Rest = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-rest/fedcba9876543210";

    private static CancellationToken Ct => CancellationToken.None;

    private static async Task<(SimulationFixture Sim, EcsTask Task)> RunningAsync(IReadOnlyList<LoadBalancer>? loadBalancers = null)
    {
        var sim = new SimulationFixture();
        var definition = await sim.RegisterAsync("svc");
        var port = definition.Definition.ContainerDefinitions[0].PortMappings[0].ContainerPort;
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", definition.Arn, loadBalancers: loadBalancers?.Select(l => l with { ContainerPort = port }).ToList()), Ct);
        sim.AdvanceSeconds(600);
        return (sim, Assert.Single(await sim.LiveTasksAsync("svc")));
    }

    [Fact]
    public async Task Changing_the_load_balancers_starts_a_deployment_that_replaces_the_task()
    {
        var (sim, task) = await RunningAsync();
        var container = (await sim.Aws.Ecs.DescribeTaskDefinitionAsync("svc", Ct)).Definition.ContainerDefinitions[0];
        var port = container.PortMappings[0].ContainerPort;

        var updated = await sim.Aws.Ecs.UpdateServiceAsync(
            new UpdateServiceRequest(SimulationFixture.Cluster, "svc", LoadBalancers: [new LoadBalancer(Grpc, container.Name, port)], HealthCheckGracePeriodSeconds: 60), Ct);
        Assert.Equal(2, updated.Deployments.Count);
        Assert.Empty(sim.Aws.Ecs.TargetGroupMembers(Grpc));
        sim.AdvanceSeconds(600);

        var replacement = Assert.Single(await sim.LiveTasksAsync("svc"));
        Assert.NotEqual(task.TaskArn, replacement.TaskArn);
        Assert.Equal([replacement.PrivateIpv4Address!], sim.Aws.Ecs.TargetGroupMembers(Grpc));
        Assert.Equal(60, (await sim.DescribeAsync("svc")).HealthCheckGracePeriodSeconds);

        var same = await sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "svc", LoadBalancers: [new LoadBalancer(Grpc, container.Name, port)]), Ct);
        Assert.Single(same.Deployments);
    }

    [Fact]
    public async Task ECS_refuses_a_grace_period_without_load_balancers_and_ports_the_container_does_not_have()
    {
        var (sim, _) = await RunningAsync();
        var container = (await sim.Aws.Ecs.DescribeTaskDefinitionAsync("svc", Ct)).Definition.ContainerDefinitions[0];

        var grace = await Assert.ThrowsAsync<AwsApiException>(() =>
            sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "svc", HealthCheckGracePeriodSeconds: 60), Ct));
        var port = await Assert.ThrowsAsync<AwsApiException>(() =>
            sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "svc", LoadBalancers: [new LoadBalancer(Rest, container.Name, 1)]), Ct));
        var name = await Assert.ThrowsAsync<AwsApiException>(() =>
            sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "svc", LoadBalancers: [new LoadBalancer("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/0123456789abcdef", container.Name, container.PortMappings[0].ContainerPort)]), Ct));

        Assert.Contains("only valid for services configured to use load balancers", grace.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("did not have a container port 1 defined", port.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Invalid target group arn", name.ErrorMessage, StringComparison.Ordinal);
        Assert.All(new[] { grace, port, name }, e => Assert.Equal(AwsErrorKind.InvalidParameter, e.Kind));
        Assert.Single((await sim.DescribeAsync("svc")).Deployments);
    }

    [Fact]
    public async Task Removing_every_load_balancer_clears_the_grace_period_and_leaves_the_target_group()
    {
        var (sim, _) = await RunningAsync([new LoadBalancer(Grpc, "zeebe", 0)]);
        Assert.Single(sim.Aws.Ecs.TargetGroupMembers(Grpc));

        await sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "svc", LoadBalancers: []), Ct);
        sim.AdvanceSeconds(600);

        Assert.Empty(sim.Aws.Ecs.TargetGroupMembers(Grpc));
        Assert.Empty((await sim.DescribeAsync("svc")).LoadBalancers);
        Assert.Null((await sim.DescribeAsync("svc")).HealthCheckGracePeriodSeconds);
    }
}
