using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Core.Tests.Simulation;

public sealed class SimulatedEcsLifecycleTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_new_service_task_goes_provisioning_pending_running_and_healthy_with_the_clock()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("orders-broker-0");

        var created = await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("orders-broker-0", td.Family), Ct);

        Assert.Equal("arn:aws:ecs:us-east-1:000000000000:service/zeebe/orders-broker-0", created.ServiceArn);
        Assert.Equal("arn:aws:ecs:us-east-1:000000000000:cluster/zeebe", created.ClusterArn);
        Assert.Equal(EcsServiceStatus.Active, created.Status);
        Assert.Equal(td.Arn, created.TaskDefinition);
        var deployment = Assert.Single(created.Deployments);
        Assert.Equal("PRIMARY", deployment.Status);
        Assert.Equal("IN_PROGRESS", deployment.RolloutState);
        Assert.StartsWith("ecs-svc/", deployment.Id, StringComparison.Ordinal);

        var task = Assert.Single(await sim.LiveTasksAsync("orders-broker-0"));
        Assert.Equal(EcsTaskStatus.Provisioning, task.LastStatus);
        Assert.Equal("service:orders-broker-0", task.Group);
        Assert.Matches("^arn:aws:ecs:us-east-1:000000000000:task/zeebe/[0-9a-f]{32}$", task.TaskArn);

        sim.AdvanceSeconds(10);
        Assert.Equal(EcsTaskStatus.Pending, Assert.Single(await sim.LiveTasksAsync("orders-broker-0")).LastStatus);
        Assert.Equal(1, (await sim.DescribeAsync("orders-broker-0")).PendingCount);

        sim.AdvanceSeconds(10);
        var running = Assert.Single(await sim.LiveTasksAsync("orders-broker-0"));
        Assert.Equal(EcsTaskStatus.Running, running.LastStatus);
        Assert.Equal("HEALTHY", running.HealthStatus);
        Assert.Equal(sim.Time.GetUtcNow(), running.StartedAt);
        Assert.NotNull(running.PrivateIpv4Address);

        var service = await sim.DescribeAsync("orders-broker-0");
        Assert.Equal(1, service.RunningCount);
        Assert.Equal(0, service.PendingCount);
        Assert.Equal("COMPLETED", Assert.Single(service.Deployments).RolloutState);
    }

    [Fact]
    public async Task Health_follows_the_grace_period_and_tasks_without_a_health_check_stay_unknown()
    {
        var sim = new SimulationFixture(new SimulationOptions { HealthGracePeriod = TimeSpan.FromSeconds(30) });
        var withCheck = await sim.RegisterAsync("a");
        var withoutCheck = await sim.Aws.Ecs.RegisterTaskDefinitionAsync(SimulationFixture.TaskDefinition("b", healthCheck: false), Ct);
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("a", withCheck.Arn), Ct);
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("b", withoutCheck.Arn, token: "token-b"), Ct);

        sim.AdvanceSeconds(20);
        Assert.Equal("UNKNOWN", Assert.Single(await sim.LiveTasksAsync("a")).HealthStatus);
        Assert.Equal("IN_PROGRESS", Assert.Single((await sim.DescribeAsync("a")).Deployments).RolloutState);

        sim.AdvanceSeconds(30);
        Assert.Equal("HEALTHY", Assert.Single(await sim.LiveTasksAsync("a")).HealthStatus);
        Assert.Equal("COMPLETED", Assert.Single((await sim.DescribeAsync("a")).Deployments).RolloutState);
        Assert.Equal("UNKNOWN", Assert.Single(await sim.LiveTasksAsync("b")).HealthStatus);
        Assert.Equal("COMPLETED", Assert.Single((await sim.DescribeAsync("b")).Deployments).RolloutState);
    }

    [Fact]
    public async Task Update_to_a_new_revision_stops_the_old_task_before_starting_the_new_one()
    {
        var sim = new SimulationFixture();
        var v1 = await sim.RegisterAsync("orders-broker-0");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("orders-broker-0", v1.Arn), Ct);
        sim.AdvanceSeconds(20);
        var oldTask = Assert.Single(await sim.LiveTasksAsync("orders-broker-0"));
        var v2 = await sim.RegisterAsync("orders-broker-0", "camunda/zeebe:8.8.1");
        Assert.Equal(2, v2.Revision);

        var updated = await sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "orders-broker-0", TaskDefinition: v2.Arn), Ct);

        Assert.Equal(v2.Arn, updated.TaskDefinition);
        Assert.Equal(2, updated.Deployments.Count);
        Assert.Equal(("PRIMARY", v2.Arn, "IN_PROGRESS"), (updated.Deployments[0].Status, updated.Deployments[0].TaskDefinition, updated.Deployments[0].RolloutState));
        Assert.Equal(("ACTIVE", v1.Arn), (updated.Deployments[1].Status, updated.Deployments[1].TaskDefinition));
        Assert.Empty(await sim.LiveTasksAsync("orders-broker-0"));
        var stopping = Assert.Single(sim.Aws.Ecs.GetTasks(SimulationFixture.Cluster, "orders-broker-0"));
        Assert.Equal((oldTask.TaskArn, EcsTaskStatus.Running, EcsTaskStatus.Stopped), (stopping.TaskArn, stopping.LastStatus, stopping.DesiredStatus));

        sim.AdvanceSeconds(5); // the old task reaches STOPPED; only now does the new one start
        var all = sim.Aws.Ecs.GetTasks(SimulationFixture.Cluster, "orders-broker-0");
        Assert.Equal(EcsTaskStatus.Stopped, all.Single(t => t.TaskArn == oldTask.TaskArn).LastStatus);
        var newTask = Assert.Single(await sim.LiveTasksAsync("orders-broker-0"));
        Assert.Equal((v2.Arn, EcsTaskStatus.Provisioning), (newTask.TaskDefinitionArn, newTask.LastStatus));

        sim.AdvanceSeconds(20);
        var done = await sim.DescribeAsync("orders-broker-0");
        var primary = Assert.Single(done.Deployments);
        Assert.Equal(("PRIMARY", "COMPLETED", 1), (primary.Status, primary.RolloutState, primary.RunningCount));
        Assert.Equal(1, sim.Aws.Ecs.PeakTaskCount(SimulationFixture.Cluster, "orders-broker-0"));
    }

    [Fact]
    public async Task With_maximum_200_the_new_task_starts_first_and_the_old_one_stops_once_it_is_healthy()
    {
        var sim = new SimulationFixture();
        var v1 = await sim.RegisterAsync("svc");
        await sim.Aws.Ecs.CreateServiceAsync(
            SimulationFixture.Service("svc", v1.Arn) with { DeploymentConfiguration = new DeploymentConfiguration(200, 100, new DeploymentCircuitBreaker(false, false)) },
            Ct);
        sim.AdvanceSeconds(20);
        var v2 = await sim.RegisterAsync("svc", "camunda/zeebe:8.8.1");

        await sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "svc", TaskDefinition: v2.Arn), Ct);

        Assert.Equal(2, (await sim.LiveTasksAsync("svc")).Count);
        sim.AdvanceSeconds(20);
        Assert.Equal(v2.Arn, Assert.Single(await sim.LiveTasksAsync("svc")).TaskDefinitionArn);
        Assert.Equal(2, sim.Aws.Ecs.PeakTaskCount(SimulationFixture.Cluster, "svc"));
    }

    [Fact]
    public async Task A_stopped_task_is_replaced_by_the_scheduler_without_overlap()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct);
        sim.AdvanceSeconds(20);
        var first = Assert.Single(await sim.LiveTasksAsync("svc"));

        Assert.True(sim.Aws.Ecs.StopTask(SimulationFixture.Cluster, first.TaskArn, "chaos"));
        Assert.Empty(await sim.LiveTasksAsync("svc"));
        sim.AdvanceSeconds(5);
        var replacement = Assert.Single(await sim.LiveTasksAsync("svc"));
        Assert.NotEqual(first.TaskArn, replacement.TaskArn);

        var stopped = Assert.Single(await sim.Aws.Ecs.DescribeTasksAsync(SimulationFixture.Cluster, [first.TaskArn], Ct));
        Assert.Equal((EcsTaskStatus.Stopped, "chaos"), (stopped.LastStatus, stopped.StoppedReason));

        sim.AdvanceSeconds(20);
        Assert.Equal(EcsTaskStatus.Running, Assert.Single(await sim.LiveTasksAsync("svc")).LastStatus);
        Assert.Equal(1, sim.Aws.Ecs.PeakTaskCount(SimulationFixture.Cluster, "svc"));
    }

    [Fact]
    public async Task A_crashed_task_is_replaced_at_once_and_an_unhealthy_one_after_it_stops()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct);
        sim.AdvanceSeconds(20);
        var first = Assert.Single(await sim.LiveTasksAsync("svc"));

        Assert.True(sim.Aws.Ecs.ExitTask(SimulationFixture.Cluster, first.TaskArn, 137));
        var second = Assert.Single(await sim.LiveTasksAsync("svc"));
        Assert.Equal(EcsTaskStatus.Provisioning, second.LastStatus);
        Assert.Contains("exit code 137", (await sim.Aws.Ecs.DescribeTasksAsync(SimulationFixture.Cluster, [first.TaskArn], Ct))[0].StoppedReason, StringComparison.Ordinal);

        sim.AdvanceSeconds(20);
        Assert.True(sim.Aws.Ecs.MarkTaskUnhealthy(SimulationFixture.Cluster, second.TaskArn));
        Assert.Empty(await sim.LiveTasksAsync("svc"));
        sim.AdvanceSeconds(5);
        Assert.NotEqual(second.TaskArn, Assert.Single(await sim.LiveTasksAsync("svc")).TaskArn);
    }

    [Fact]
    public async Task Desired_count_zero_stops_the_task_and_one_starts_it_again()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct);
        sim.AdvanceSeconds(20);

        var scaled = await sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "svc", DesiredCount: 0), Ct);
        Assert.Equal(0, scaled.DesiredCount);
        Assert.Single(scaled.Deployments);
        Assert.Empty(await sim.LiveTasksAsync("svc"));
        sim.AdvanceSeconds(5);
        Assert.Equal(0, (await sim.DescribeAsync("svc")).RunningCount);

        await sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "svc", DesiredCount: 1), Ct);
        sim.AdvanceSeconds(20);
        Assert.Equal(1, (await sim.DescribeAsync("svc")).RunningCount);
    }

    [Fact]
    public async Task Delete_drains_then_the_service_stays_visible_as_inactive_for_an_hour()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct);
        sim.AdvanceSeconds(20);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.DeleteServiceAsync(SimulationFixture.Cluster, "svc", force: false, Ct));
        Assert.Equal((AwsErrorKind.InvalidParameter, "InvalidParameterException"), (error.Kind, error.ErrorCode));

        var deleted = await sim.Aws.Ecs.DeleteServiceAsync(SimulationFixture.Cluster, "svc", force: true, Ct);
        Assert.Equal(EcsServiceStatus.Draining, deleted.Status);
        Assert.Equal(EcsServiceStatus.Draining, (await sim.Aws.Ecs.DeleteServiceAsync(SimulationFixture.Cluster, "svc", force: true, Ct)).Status);
        var stillDraining = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn, token: "other"), Ct));
        Assert.Contains("Draining", stillDraining.ErrorMessage, StringComparison.Ordinal);

        sim.AdvanceSeconds(5);
        var inactive = await sim.DescribeAsync("svc");
        Assert.Equal(EcsServiceStatus.Inactive, inactive.Status);
        Assert.False(inactive.IsActive);
        var notActive = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "svc", DesiredCount: 1), Ct));
        Assert.Equal("ServiceNotActiveException", notActive.ErrorCode);

        sim.Advance(TimeSpan.FromMinutes(59));
        Assert.Single(await sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, ["svc"], Ct));
        sim.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, ["svc"], Ct));
    }

    [Fact]
    public async Task Describe_and_list_honour_aws_limits_and_leave_unknown_names_out()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct);

        Assert.Single(await sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, ["svc", "missing"], Ct));
        var arnCluster = await sim.Aws.Ecs.DescribeServicesAsync("arn:aws:ecs:us-east-1:000000000000:cluster/zeebe", ["svc"], Ct);
        Assert.Single(arnCluster);
        var tooMany = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, Enumerable.Range(0, 11).Select(i => $"s{i}").ToArray(), Ct));
        Assert.Equal(AwsErrorKind.InvalidParameter, tooMany.Kind);
        var tooManyTasks = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.DescribeTasksAsync(SimulationFixture.Cluster, Enumerable.Range(0, 101).Select(i => $"t{i}").ToArray(), Ct));
        Assert.Equal("InvalidParameterException", tooManyTasks.ErrorCode);
        var noService = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.ListTasksAsync(SimulationFixture.Cluster, "missing", Ct));
        Assert.Equal((AwsErrorKind.NotFound, "ServiceNotFoundException"), (noService.Kind, noService.ErrorCode));
    }

    [Fact]
    public async Task Strict_mode_knows_only_seeded_clusters()
    {
        var sim = new SimulationFixture(new SimulationOptions { AutoCreateInfrastructure = false });
        var td = await sim.RegisterAsync("svc");

        var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct));
        Assert.Equal((AwsErrorKind.NotFound, "ClusterNotFoundException"), (error.Kind, error.ErrorCode));

        sim.Aws.AddEcsCluster(SimulationFixture.Cluster);
        Assert.True((await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct)).IsActive);
    }
}
