using System.Text.Json.Nodes;
using ZeebeOperator.Aws.Tests.Contract;
using ZeebeOperator.Aws.Tests.Infrastructure;

namespace ZeebeOperator.Aws.Tests.Deployment;

/// <summary>samples/subscriber's task definition: a valid ECS input whose labels tell the operator where the app listens.</summary>
public sealed class SubscriberSampleTests
{
    private static readonly JsonObject TaskDefinition = DeploySamples.Repository("samples/subscriber/task-definition.json");
    private static readonly JsonObject Container = TaskDefinition["containerDefinitions"]![0]!.AsObject();

    [Fact]
    public void Task_definition_is_a_valid_RegisterTaskDefinition_input()
    {
        var model = ApiModel.Load("ecs-2014-11-13");
        Assert.Empty(new ModelValidator(model, PublishedConstraints.Ecs).Validate(TaskDefinition, model.Operation("RegisterTaskDefinition")["input"]));
    }

    [Fact]
    public void The_notify_labels_name_the_mapped_port_and_the_path_the_app_is_told_to_serve()
    {
        var labels = Container["dockerLabels"]!.AsObject();
        var environment = Container["environment"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!, StringComparer.Ordinal);
        var port = (string)labels["NOTIFY_ME_CONTAINER_PORT"]!;

        Assert.Equal("awsvpc", (string?)TaskDefinition["networkMode"]);
        Assert.Contains(Container["portMappings"]!.AsArray(), m => $"{(int)m!["containerPort"]!}" == port);
        Assert.Equal(port, environment["NOTIFY_ME_CONTAINER_PORT"]);
        Assert.Equal((string?)labels["NOTIFY_ME_API_URI"], environment["NOTIFY_ME_API_URI"]);
        Assert.StartsWith("/", (string?)labels["NOTIFY_ME_API_URI"], StringComparison.Ordinal);
    }
}
