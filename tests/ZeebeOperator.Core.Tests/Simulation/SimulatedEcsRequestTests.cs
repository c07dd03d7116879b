using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Tests.Simulation;

public sealed class SimulatedEcsRequestTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Create_with_the_same_token_returns_the_service_and_another_token_is_not_idempotent()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        var first = await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn, token: "abc"), Ct);

        var retried = await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn, token: "abc"), Ct);
        var conflict = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn, token: "xyz"), Ct));

        Assert.Equal(first.ServiceArn, retried.ServiceArn);
        Assert.Equal(first.Deployments[0].Id, retried.Deployments[0].Id);
        Assert.Single(await sim.LiveTasksAsync("svc"));
        Assert.Equal((AwsErrorKind.InvalidParameter, "InvalidParameterException"), (conflict.Kind, conflict.ErrorCode));
        Assert.Contains("Creation of service was not idempotent", conflict.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_token_returns_the_deleted_service_and_creates_nothing_until_the_token_is_forgotten()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        var first = await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn, token: "abc"), Ct);
        await sim.Aws.Ecs.DeleteServiceAsync(SimulationFixture.Cluster, "svc", force: true, Ct);
        sim.Advance(TimeSpan.FromMinutes(5));

        var repeated = await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn, token: "abc"), Ct);
        var otherParameters = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn, token: "abc", desiredCount: 2), Ct));

        Assert.Equal(first.ServiceArn, repeated.ServiceArn);
        Assert.False(repeated.IsActive);
        Assert.False((await sim.DescribeAsync("svc")).IsActive);
        Assert.Empty(await sim.LiveTasksAsync("svc"));
        Assert.Equal((AwsErrorKind.InvalidParameter, "InvalidParameterException"), (otherParameters.Kind, otherParameters.ErrorCode));

        sim.Advance(sim.Aws.Options.ClientTokenRetention);
        var created = await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn, token: "abc"), Ct);

        Assert.True(created.IsActive);
        Assert.NotEqual(first.Deployments[0].Id, created.Deployments[0].Id);
    }

    [Fact]
    public async Task A_name_can_be_reused_once_the_old_service_is_inactive()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        var first = await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn, token: "one", desiredCount: 0), Ct);
        await sim.Aws.Ecs.DeleteServiceAsync(SimulationFixture.Cluster, "svc", force: false, Ct);
        Assert.Equal("INACTIVE", (await sim.DescribeAsync("svc")).Status);

        var second = await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn, token: "two"), Ct);

        Assert.Equal(first.ServiceArn, second.ServiceArn);
        Assert.True(second.IsActive);
        Assert.True((await sim.DescribeAsync("svc")).IsActive);
        Assert.NotEqual(first.Deployments[0].Id, second.Deployments[0].Id);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("")]
    public async Task Invalid_service_names_are_refused(string name)
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");

        var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service(name, td.Arn), Ct));

        Assert.Equal(AwsErrorKind.InvalidParameter, error.Kind);
        Assert.Equal(0, sim.Aws.Calls.Count("ecs:CreateService") - sim.Aws.Calls.CountFailed());
    }

    [Fact]
    public async Task Create_validates_token_count_task_definition_and_network()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");

        await AssertRefused(SimulationFixture.Service("svc", td.Arn, token: new string('t', 37)), "InvalidParameterException");
        await AssertRefused(SimulationFixture.Service("svc", td.Arn, desiredCount: -1), "InvalidParameterException");
        await AssertRefused(SimulationFixture.Service("svc", "missing:1"), "ClientException");
        await AssertRefused(SimulationFixture.Service("svc", td.Arn) with { NetworkConfiguration = new AwsVpcConfiguration([], [], false) }, "InvalidParameterException");
        await AssertRefused(SimulationFixture.Service("svc", td.Arn) with { CapacityProviderStrategy = [new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0)] }, "InvalidParameterException");
        Assert.Empty(await sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, ["svc"], Ct));

        async Task AssertRefused(CreateServiceRequest request, string code)
        {
            var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.CreateServiceAsync(request, Ct));
            Assert.Equal(code, error.ErrorCode);
        }
    }

    [Fact]
    public async Task Update_changes_only_what_is_given()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct);

        var updated = await sim.Aws.Ecs.UpdateServiceAsync(
            new UpdateServiceRequest(SimulationFixture.Cluster, "svc", DeploymentConfiguration: new DeploymentConfiguration(200, 100, new DeploymentCircuitBreaker(true, true))),
            Ct);

        Assert.Equal(td.Arn, updated.TaskDefinition);
        Assert.Equal(1, updated.DesiredCount);
        Assert.Equal(["subnet-1"], updated.NetworkConfiguration!.Subnets);
        Assert.Equal(200, updated.DeploymentConfiguration.MaximumPercent);
        Assert.Single(updated.Deployments);
        var forced = await sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "svc", ForceNewDeployment: true), Ct);
        Assert.Equal(2, forced.Deployments.Count);
        var missing = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "nope", DesiredCount: 1), Ct));
        Assert.Equal((AwsErrorKind.NotFound, "ServiceNotFoundException"), (missing.Kind, missing.ErrorCode));
    }

    [Fact]
    public async Task Task_definitions_get_revisions_and_are_found_by_family_revision_or_arn()
    {
        var sim = new SimulationFixture();

        var v1 = await sim.RegisterAsync("orders-broker-0");
        var v2 = await sim.RegisterAsync("orders-broker-0", "camunda/zeebe:8.8.1");

        Assert.Equal("arn:aws:ecs:us-east-1:000000000000:task-definition/orders-broker-0:1", v1.Arn);
        Assert.Equal((2, "ACTIVE"), (v2.Revision, v2.Status));
        Assert.Equal(v2.Arn, (await sim.Aws.Ecs.DescribeTaskDefinitionAsync("orders-broker-0", Ct)).Arn);
        Assert.Equal("camunda/zeebe:8.8.0", (await sim.Aws.Ecs.DescribeTaskDefinitionAsync("orders-broker-0:1", Ct)).Definition.ContainerDefinitions[0].Image);
        Assert.Equal(v1.Arn, (await sim.Aws.Ecs.DescribeTaskDefinitionAsync(v1.Arn, Ct)).Arn);
        Assert.Equal(TagKeys.ManagedByValue, v1.Definition.Tags[TagKeys.ManagedBy]);

        var missing = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.DescribeTaskDefinitionAsync("orders-broker-0:3", Ct));
        Assert.Equal((AwsErrorKind.NotFound, "ClientException"), (missing.Kind, missing.ErrorCode));
    }

    [Fact]
    public async Task Task_definitions_are_validated_like_fargate_does()
    {
        var sim = new SimulationFixture();
        var valid = SimulationFixture.TaskDefinition("svc");

        await AssertRefused(valid with { Memory = "512" });
        await AssertRefused(valid with { NetworkMode = "bridge" });
        await AssertRefused(valid with { Family = "bad/family" });
        await AssertRefused(valid with { ContainerDefinitions = [] });
        await AssertRefused(valid with { Volumes = [] });

        async Task AssertRefused(TaskDefinitionRequest request)
        {
            var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.RegisterTaskDefinitionAsync(request, Ct));
            Assert.Equal(AwsErrorKind.InvalidParameter, error.Kind);
        }
    }

    [Fact]
    public async Task Tags_are_added_to_services_and_task_definitions()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        var service = await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct);

        await sim.Aws.Ecs.TagResourceAsync(service.ServiceArn, new Dictionary<string, string> { ["team"] = "core" }, Ct);
        await sim.Aws.Ecs.TagResourceAsync(td.Arn, new Dictionary<string, string> { [TagKeys.NodeId] = "0" }, Ct);

        Assert.Equal("core", (await sim.DescribeAsync("svc")).Tags["team"]);
        Assert.Equal(TagKeys.ManagedByValue, (await sim.DescribeAsync("svc")).Tags[TagKeys.ManagedBy]);
        Assert.Equal("0", (await sim.Aws.Ecs.DescribeTaskDefinitionAsync(td.Arn, Ct)).Definition.Tags[TagKeys.NodeId]);
        Assert.False(td.Definition.Tags.ContainsKey(TagKeys.NodeId));
        var missing = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.TagResourceAsync("arn:aws:ecs:us-east-1:000000000000:service/zeebe/nope", new Dictionary<string, string> { ["a"] = "b" }, Ct));
        Assert.Equal(AwsErrorKind.NotFound, missing.Kind);
    }

    [Fact]
    public async Task Snapshots_do_not_change_when_the_simulation_does()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        var before = await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct);

        await sim.Aws.Ecs.TagResourceAsync(before.ServiceArn, new Dictionary<string, string> { ["later"] = "yes" }, Ct);
        sim.AdvanceSeconds(20);

        Assert.False(before.Tags.ContainsKey("later"));
        Assert.Equal(0, before.RunningCount);
        Assert.Equal("IN_PROGRESS", before.Deployments[0].RolloutState);
    }
}
