using System.Text.Json.Nodes;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>Secrets, docker labels and the runtime platform, as the ECS client writes and reads them.</summary>
public sealed class TaskDefinitionRoundTripTests
{
    private static readonly Lazy<ApiModel> EcsModel = new(() => ApiModel.Load("ecs-2014-11-13"));

    [Fact]
    public async Task Register_sends_secrets_as_name_and_valueFrom_labels_and_the_runtime_platform()
    {
        var (_, request) = await Capture.RunAsync(
            f => f.CreateEcs().RegisterTaskDefinitionAsync(Samples.TaskDefinition, default),
            JsonRpcContractTests.ResponsesFor(EcsModel.Value, "RegisterTaskDefinition")[0].ToJsonString());

        var body = JsonNode.Parse(request.Body)!;
        var container = body["containerDefinitions"]![0]!;
        Assert.Equal(
            """[{"name":"DB_PASSWORD","valueFrom":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf:password::"},{"name":"ES_PASSWORD","valueFrom":"arn:aws:ssm:eu-west-1:123456789012:parameter/zeebe/orders/es-password"}]""",
            container["secrets"]!.ToJsonString());
        Assert.DoesNotContain(container["environment"]!.AsArray(), e => e!["name"]!.GetValue<string>().EndsWith("_PASSWORD", StringComparison.Ordinal));
        Assert.Equal("2026-12-03T10:00:00Z", container["dockerLabels"]!["zeebe-operator/restarted-at"]!.GetValue<string>());
        Assert.Equal("""{"cpuArchitecture":"ARM64","operatingSystemFamily":"LINUX"}""", body["runtimePlatform"]!.ToJsonString());
    }

    [Fact]
    public async Task Describe_reads_back_secrets_labels_and_the_runtime_platform()
    {
        const string Response = """
            {"taskDefinition":{"taskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/orders-broker-1:4","family":"orders-broker-1",
             "revision":4,"status":"ACTIVE","cpu":"2048","memory":"4096","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],
             "runtimePlatform":{"cpuArchitecture":"ARM64","operatingSystemFamily":"LINUX"},
             "containerDefinitions":[{"name":"zeebe","image":"camunda/camunda:8.8.3","essential":true,
               "secrets":[{"name":"DB_PASSWORD","valueFrom":"arn:aws:ssm:eu-west-1:123456789012:parameter/db"}],
               "dockerLabels":{"zeebe-operator/restarted-at":"2026-12-03T10:00:00Z"}}]},
             "tags":[]}
            """;
        Assert.Empty(new ModelValidator(EcsModel.Value).Validate(JsonNode.Parse(Response), EcsModel.Value.Operation("DescribeTaskDefinition")["output"]));

        var (definition, _) = await Capture.RunAsync(f => f.CreateEcs().DescribeTaskDefinitionAsync("orders-broker-1", default), Response);

        var container = definition.Definition.ContainerDefinitions.Single();
        Assert.Equal([new ContainerSecret("DB_PASSWORD", "arn:aws:ssm:eu-west-1:123456789012:parameter/db")], container.Secrets);
        Assert.Equal("2026-12-03T10:00:00Z", container.DockerLabels!["zeebe-operator/restarted-at"]);
        Assert.Equal(new RuntimePlatform("ARM64", "LINUX"), definition.Definition.RuntimePlatform);
    }
}
