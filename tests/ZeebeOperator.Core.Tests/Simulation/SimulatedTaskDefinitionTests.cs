using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Tests.Simulation;

/// <summary>Deregistered (INACTIVE) revisions, as ECS documents them for DeregisterTaskDefinition.</summary>
public sealed class SimulatedTaskDefinitionTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Listing_a_family_returns_its_active_revisions_oldest_first_and_no_other_family()
    {
        var sim = new SimulationFixture();
        var first = await sim.RegisterAsync("orders-broker-1");
        var second = await sim.RegisterAsync("orders-broker-1");
        await sim.RegisterAsync("orders-broker-10");
        await sim.Aws.Ecs.DeregisterTaskDefinitionAsync(first.Arn, Ct);

        Assert.Equal([second.Arn], await sim.Aws.Ecs.ListTaskDefinitionsAsync("orders-broker-1", Ct));
        Assert.Empty(await sim.Aws.Ecs.ListTaskDefinitionsAsync("orders", Ct));
    }

    [Fact]
    public async Task A_deregistered_revision_is_inactive_but_still_described()
    {
        var sim = new SimulationFixture();
        var registered = await sim.RegisterAsync("orders-broker-0");

        var deregistered = await sim.Aws.Ecs.DeregisterTaskDefinitionAsync("orders-broker-0:1", Ct);

        Assert.Equal(registered.Arn, deregistered.Arn);
        Assert.Equal("INACTIVE", deregistered.Status);
        Assert.Equal("INACTIVE", (await sim.Aws.Ecs.DescribeTaskDefinitionAsync(registered.Arn, Ct)).Status);
        var latest = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.DescribeTaskDefinitionAsync("orders-broker-0", Ct));
        Assert.Equal(AwsErrorKind.NotFound, latest.Kind);
    }

    [Fact]
    public async Task Deregistering_needs_a_revision_that_exists_and_is_active()
    {
        var sim = new SimulationFixture();
        var registered = await sim.RegisterAsync("orders-broker-0");
        await sim.Aws.Ecs.DeregisterTaskDefinitionAsync(registered.Arn, Ct);

        var family = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.DeregisterTaskDefinitionAsync("orders-broker-0", Ct));
        var missing = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.DeregisterTaskDefinitionAsync("orders-broker-0:7", Ct));
        var again = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.DeregisterTaskDefinitionAsync(registered.Arn, Ct));

        Assert.Equal(("ClientException", AwsErrorKind.InvalidParameter), (family.ErrorCode, family.Kind));
        Assert.Equal(AwsErrorKind.NotFound, missing.Kind);
        Assert.Equal(AwsErrorKind.InvalidParameter, again.Kind);
    }

    [Fact]
    public async Task An_inactive_revision_cannot_start_a_service_or_a_deployment_but_its_running_task_keeps_running()
    {
        var sim = new SimulationFixture();
        var old = await sim.RegisterAsync("orders-broker-0");
        var current = await sim.RegisterAsync("orders-broker-0");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("orders-broker-0", old.Arn), Ct);
        sim.AdvanceSeconds(30);
        var running = Assert.Single(await sim.LiveTasksAsync("orders-broker-0"));

        await sim.Aws.Ecs.DeregisterTaskDefinitionAsync(old.Arn, Ct);
        sim.AdvanceSeconds(30);

        Assert.Equal(EcsTaskStatus.Running, Assert.Single(await sim.LiveTasksAsync("orders-broker-0")).LastStatus);
        Assert.Equal(running.TaskArn, Assert.Single(await sim.LiveTasksAsync("orders-broker-0")).TaskArn);
        var create = await Assert.ThrowsAsync<AwsApiException>(() =>
            sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("orders-broker-9", old.Arn, token: "token-9"), Ct));
        Assert.Contains("inactive", create.ErrorMessage, StringComparison.OrdinalIgnoreCase);

        await sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "orders-broker-0", TaskDefinition: current.Arn), Ct);
        await sim.Aws.Ecs.DeregisterTaskDefinitionAsync(current.Arn, Ct);
        var back = await Assert.ThrowsAsync<AwsApiException>(() =>
            sim.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(SimulationFixture.Cluster, "orders-broker-0", TaskDefinition: old.Arn), Ct));
        Assert.Contains("inactive", back.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_service_on_an_inactive_revision_still_replaces_a_task_that_stopped()
    {
        var sim = new SimulationFixture();
        var definition = await sim.RegisterAsync("orders-broker-0");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("orders-broker-0", definition.Arn), Ct);
        sim.AdvanceSeconds(30);
        await sim.Aws.Ecs.DeregisterTaskDefinitionAsync(definition.Arn, Ct);
        var stopped = Assert.Single(await sim.LiveTasksAsync("orders-broker-0"));

        sim.Aws.Ecs.StopTask(SimulationFixture.Cluster, stopped.TaskArn);
        sim.AdvanceSeconds(120);

        var replacement = Assert.Single(await sim.LiveTasksAsync("orders-broker-0"));
        Assert.NotEqual(stopped.TaskArn, replacement.TaskArn);
        Assert.Equal(definition.Arn, replacement.TaskDefinitionArn);
        Assert.Equal(EcsTaskStatus.Running, replacement.LastStatus);
    }

    [Fact]
    public async Task Secrets_docker_labels_and_the_runtime_platform_are_kept_and_described_as_registered()
    {
        var sim = new SimulationFixture();
        var request = WithSecrets(SimulationFixture.TaskDefinition("orders-broker-0")) with { RuntimePlatform = new RuntimePlatform("ARM64", "LINUX") };

        await sim.Aws.Ecs.RegisterTaskDefinitionAsync(request, Ct);
        var described = (await sim.Aws.Ecs.DescribeTaskDefinitionAsync("orders-broker-0", Ct)).Definition;

        var container = described.ContainerDefinitions.Single();
        Assert.Equal([new ContainerSecret("DB_PASSWORD", "arn:aws:ssm:eu-west-1:123456789012:parameter/db")], container.Secrets);
        Assert.Equal("2026-12-03T10:00:00Z", container.DockerLabels!["zeebe-operator/restarted-at"]);
        Assert.Equal(new RuntimePlatform("ARM64", "LINUX"), described.RuntimePlatform);
    }

    [Fact]
    public async Task Secrets_need_an_execution_role_to_be_fetched_with()
    {
        var sim = new SimulationFixture();
        var request = WithSecrets(SimulationFixture.TaskDefinition("orders-broker-0")) with { ExecutionRoleArn = string.Empty };

        var refused = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.RegisterTaskDefinitionAsync(request, Ct));

        Assert.Equal(("ClientException", AwsErrorKind.InvalidParameter), (refused.ErrorCode, refused.Kind));
        Assert.Contains("executionRoleArn", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arm64", "LINUX")]
    [InlineData("ARM64", "WINDOWS_SERVER_2022_CORE")]
    [InlineData("X86_64", "linux")]
    public async Task A_runtime_platform_ECS_does_not_know_is_refused(string architecture, string family)
    {
        var sim = new SimulationFixture();
        var request = SimulationFixture.TaskDefinition("orders-broker-0") with { RuntimePlatform = new RuntimePlatform(architecture, family) };

        var refused = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.RegisterTaskDefinitionAsync(request, Ct));

        Assert.Equal(AwsErrorKind.InvalidParameter, refused.Kind);
    }

    private static TaskDefinitionRequest WithSecrets(TaskDefinitionRequest request) => request with
    {
        ContainerDefinitions = [request.ContainerDefinitions[0] with
        {
            Secrets = [new ContainerSecret("DB_PASSWORD", "arn:aws:ssm:eu-west-1:123456789012:parameter/db")],
            DockerLabels = new Dictionary<string, string> { ["zeebe-operator/restarted-at"] = "2026-12-03T10:00:00Z" },
        }],
    };
}
