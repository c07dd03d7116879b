using System.Text.Json.Nodes;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>Every ECS and Cloud Map request the clients send, checked against the official API models.</summary>
public sealed class JsonRpcContractTests
{
    private static readonly Lazy<ApiModel> EcsModel = new(() => ApiModel.Load("ecs-2014-11-13"));
    private static readonly Lazy<ApiModel> CloudMapModel = new(() => ApiModel.Load("servicediscovery-2017-03-14"));

    /// <summary>Every operation of the ECS port, as its methods describe them: a new port method is checked here too.</summary>
    public static TheoryData<string> EcsOperations => [.. PortOperation.AllOf(typeof(IEcsApi)).Select(o => o.Operation)];

    public static TheoryData<string> CloudMapOperations => [.. PortOperation.AllOf(typeof(IServiceDiscoveryApi)).Select(o => o.Operation)];

    [Theory]
    [MemberData(nameof(EcsOperations))]
    public async Task Ecs_request_matches_the_model(string operation)
    {
        var (_, request) = await Capture.RunAsync(f => InvokeEcs(f, operation), ResponsesFor(EcsModel.Value, operation)[0].ToJsonString());
        AssertJsonRpc(EcsModel.Value, operation, request, "ecs", PublishedConstraints.Ecs);
    }

    [Theory]
    [MemberData(nameof(CloudMapOperations))]
    public async Task Cloud_Map_request_matches_the_model(string operation)
    {
        var (_, request) = await Capture.RunAsync(f => InvokeCloudMap(f, operation), ResponsesFor(CloudMapModel.Value, operation)[0].ToJsonString());
        AssertJsonRpc(CloudMapModel.Value, operation, request, "servicediscovery", PublishedConstraints.ServiceDiscovery);
    }

    [Theory]
    [MemberData(nameof(EcsOperations))]
    public async Task Ecs_example_responses_parse(string operation)
    {
        var model = EcsModel.Value;
        foreach (var output in ResponsesFor(model, operation))
        {
            Assert.Empty(new ModelValidator(model).Validate(output, model.Operation(operation)["output"]));
            await Capture.RunAsync(f => InvokeEcs(f, operation), output.ToJsonString());
        }
    }

    [Theory]
    [MemberData(nameof(CloudMapOperations))]
    public async Task Cloud_Map_example_responses_parse(string operation)
    {
        var model = CloudMapModel.Value;
        foreach (var output in ResponsesFor(model, operation))
        {
            Assert.Empty(new ModelValidator(model).Validate(output, model.Operation(operation)["output"]));
            await Capture.RunAsync(f => InvokeCloudMap(f, operation), output.ToJsonString());
        }
    }

    /// <summary>The examples file's (non-empty) outputs, or a document generated from the output shape when there is none.</summary>
    internal static IReadOnlyList<JsonObject> ResponsesFor(ApiModel model, string operation)
    {
        var examples = model.ExampleOutputs(operation).Where(o => o.Count > 0 || IsEmptyOutput(model, operation)).ToList();
        return examples.Count > 0 ? examples : [ShapeSampler.Sample(model, model.Operation(operation)["output"])];
    }

    private static bool IsEmptyOutput(ApiModel model, string operation) =>
        model.Resolve(model.Operation(operation)["output"])["members"] is not JsonObject { Count: > 0 };

    internal static Task InvokeEcs(AwsClientFactory factory, string operation)
    {
        var ecs = factory.CreateEcs();
        return operation switch
        {
            "ListServices" => ecs.ListServicesAsync(Samples.Cluster, default),
            "DescribeServices" => ecs.DescribeServicesAsync(Samples.Cluster, ["orders-broker-0", "orders-broker-1", "orders-broker-2"], default),
            "CreateService" => Ignore(ecs.CreateServiceAsync(Samples.CreateService, default)),
            "UpdateService" => Ignore(ecs.UpdateServiceAsync(Samples.UpdateService, default)),
            "DeleteService" => Ignore(ecs.DeleteServiceAsync(Samples.Cluster, "orders-broker-1", default)),
            "RegisterTaskDefinition" => Ignore(ecs.RegisterTaskDefinitionAsync(Samples.TaskDefinition, default)),
            "DescribeTaskDefinition" => Ignore(ecs.DescribeTaskDefinitionAsync("orders-broker-1", default)),
            "ListTaskDefinitions" => ecs.ListTaskDefinitionsAsync("orders-broker-1", default),
            "DeregisterTaskDefinition" => Ignore(ecs.DeregisterTaskDefinitionAsync("arn:aws:ecs:eu-west-1:123456789012:task-definition/orders-broker-1:2", default)),
            "ListTasks" => ecs.ListTasksAsync(Samples.Cluster, "orders-broker-1", default),
            "DescribeTasks" => ecs.DescribeTasksAsync(Samples.Cluster, ["arn:aws:ecs:eu-west-1:123456789012:task/zeebe/0a1b2c3d4e5f"], default),
            "DescribeContainerInstances" => Ignore(ecs.DescribeContainerInstancesAsync(
                Samples.Cluster, ["arn:aws:ecs:eu-west-1:123456789012:container-instance/zeebe/0a1b2c3d4e5f60718293a4b5c6d7e8f9"], default)),
            "TagResource" => ecs.TagResourceAsync("arn:aws:ecs:eu-west-1:123456789012:service/zeebe/orders-broker-1", Samples.Tags, default),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    internal static Task InvokeCloudMap(AwsClientFactory factory, string operation)
    {
        var cloudMap = factory.CreateServiceDiscovery();
        return operation switch
        {
            "ListServices" => cloudMap.ListServicesAsync(Samples.NamespaceId, default),
            "CreateService" => Ignore(cloudMap.CreateServiceAsync(Samples.CreateDiscoveryService, default)),
            "DeleteService" => cloudMap.DeleteServiceAsync("srv-abcdefghijklmnop", default),
            "ListTagsForResource" => cloudMap.ListTagsForResourceAsync(Samples.RegistryArn, default),
            "TagResource" => cloudMap.TagResourceAsync(Samples.RegistryArn, Samples.Tags, default),
            "ListInstances" => cloudMap.ListInstancesAsync("srv-abcdefghijklmnop", default),
            "RegisterInstance" => cloudMap.RegisterInstanceAsync(Samples.RegisterInstance, default),
            "DeregisterInstance" => cloudMap.DeregisterInstanceAsync("srv-abcdefghijklmnop", "node-1", default),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private static async Task Ignore<T>(Task<T> task) => await task;

    private static void AssertJsonRpc(
        ApiModel model,
        string operation,
        CapturedRequest request,
        string signingName,
        IReadOnlyDictionary<string, MemberConstraint> constraints)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal($"{model.TargetPrefix}.{operation}", request.Header("X-Amz-Target"));
        Assert.Equal($"application/x-amz-json-{model.Metadata["jsonVersion"]}", request.Header("Content-Type"));
        AssertSigned(request, signingName);
        var body = JsonNode.Parse(request.Body);
        var errors = new ModelValidator(model, constraints).Validate(body, model.Operation(operation)["input"]);
        Assert.True(errors.Count == 0, $"{operation}: {string.Join("; ", errors)}\n{request.BodyText}");
    }

    internal static void AssertSigned(CapturedRequest request, string signingName)
    {
        var authorization = request.Header("Authorization");
        Assert.NotNull(authorization);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={Capture.AccessKey}/", authorization, StringComparison.Ordinal);
        Assert.Contains($"/{Capture.Region}/{signingName}/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=", authorization, StringComparison.Ordinal);
        Assert.NotNull(request.Header("X-Amz-Date"));
    }
}
