using System.Text.Json.Nodes;
using ZeebeOperator.Aws.Tests.Contract;
using ZeebeOperator.Aws.Tests.Infrastructure;

namespace ZeebeOperator.Aws.Tests.Deployment;

/// <summary>
/// samples/subscriber's task definitions (Fargate <c>awsvpc</c>, and EC2 <c>bridge</c> with a dynamic host port): valid
/// ECS inputs whose labels tell the operator where the app listens.
/// </summary>
public sealed class SubscriberSampleTests
{
    public static TheoryData<string, string> TaskDefinitions => new()
    {
        { "samples/subscriber/task-definition.json", "awsvpc" },
        { "samples/subscriber/task-definition-bridge.json", "bridge" },
    };

    [Theory]
    [MemberData(nameof(TaskDefinitions))]
    public void Task_definition_is_a_valid_RegisterTaskDefinition_input(string path, string networkMode)
    {
        var definition = DeploySamples.Repository(path);
        var model = ApiModel.Load("ecs-2014-11-13");

        Assert.Empty(new ModelValidator(model, PublishedConstraints.Ecs).Validate(definition, model.Operation("RegisterTaskDefinition")["input"]));
        Assert.Equal(networkMode, (string?)definition["networkMode"]);
    }

    [Theory]
    [MemberData(nameof(TaskDefinitions))]
    public void The_notify_labels_name_the_mapped_port_and_the_path_the_app_is_told_to_serve(string path, string networkMode)
    {
        var container = DeploySamples.Repository(path)["containerDefinitions"]![0]!.AsObject();
        var labels = container["dockerLabels"]!.AsObject();
        var environment = container["environment"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!, StringComparer.Ordinal);
        var port = (string)labels["NOTIFY_ME_CONTAINER_PORT"]!;
        var mapping = Assert.Single(container["portMappings"]!.AsArray(), m => $"{(int)m!["containerPort"]!}" == port)!;

        // In bridge mode the label names the container port; the operator finds the host port Docker picked.
        Assert.Equal(networkMode == "bridge" ? 0 : null, (int?)mapping["hostPort"]);
        Assert.Equal(port, environment["NOTIFY_ME_CONTAINER_PORT"]);
        Assert.Equal((string?)labels["NOTIFY_ME_API_URI"], environment["NOTIFY_ME_API_URI"]);
        Assert.StartsWith("/", (string?)labels["NOTIFY_ME_API_URI"], StringComparison.Ordinal);
    }
}
