using ZeebeOperator.Aws.Runtime;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Aws.Ecs;

/// <summary><see cref="IEcsApi"/> over Amazon ECS's JSON 1.1 API, on AWSSDK.Core's pipeline.</summary>
public sealed class EcsApiClient : IEcsApi, IDisposable
{
    private const string ServiceName = "ECS";
    private const string ActiveTaskDefinitions = "ACTIVE";
    private const int PageSize = 100;
    private static readonly string[] IncludeTags = ["TAGS"];
    private readonly JsonServiceChannel _channel;

    internal EcsApiClient(HandWrittenServiceClient client) => _channel = new JsonServiceChannel(client, ServiceName);

    public async Task<IReadOnlyList<EcsService>> DescribeServicesAsync(string cluster, IReadOnlyList<string> serviceNames, CancellationToken cancellationToken)
    {
        if (serviceNames.Count == 0)
        {
            return [];
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(serviceNames.Count, 10, nameof(serviceNames));
        var output = await _channel.CallAsync(
            "DescribeServices",
            new DescribeServicesInput(cluster, serviceNames, IncludeTags),
            EcsJsonContext.Default.DescribeServicesInput,
            EcsJsonContext.Default.DescribeServicesOutput,
            cancellationToken).ConfigureAwait(false);

        // Services that do not exist come back in "failures" with reason MISSING: they are simply left out.
        return [.. (output.Services ?? []).Select(EcsMapping.FromWire)];
    }

    public async Task<EcsService> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken)
    {
        var output = await _channel.CallAsync(
            "CreateService", EcsMapping.ToWire(request), EcsJsonContext.Default.CreateServiceInput, EcsJsonContext.Default.ServiceOutput, cancellationToken)
            .ConfigureAwait(false);
        return ServiceOf(output, "CreateService");
    }

    public async Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken)
    {
        var output = await _channel.CallAsync(
            "UpdateService", EcsMapping.ToWire(request), EcsJsonContext.Default.UpdateServiceInput, EcsJsonContext.Default.ServiceOutput, cancellationToken)
            .ConfigureAwait(false);
        return ServiceOf(output, "UpdateService");
    }

    public async Task<EcsService> DeleteServiceAsync(string cluster, string serviceName, CancellationToken cancellationToken)
    {
        var output = await _channel.CallAsync(
            "DeleteService",
            new DeleteServiceInput(cluster, serviceName, Force: true),
            EcsJsonContext.Default.DeleteServiceInput,
            EcsJsonContext.Default.ServiceOutput,
            cancellationToken).ConfigureAwait(false);
        return ServiceOf(output, "DeleteService");
    }

    public async Task<TaskDefinition> RegisterTaskDefinitionAsync(TaskDefinitionRequest request, CancellationToken cancellationToken)
    {
        var output = await _channel.CallAsync(
            "RegisterTaskDefinition",
            EcsMapping.ToWire(request),
            EcsJsonContext.Default.RegisterTaskDefinitionInput,
            EcsJsonContext.Default.TaskDefinitionOutput,
            cancellationToken).ConfigureAwait(false);
        return TaskDefinitionOf(output, "RegisterTaskDefinition");
    }

    public async Task<TaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken)
    {
        try
        {
            var output = await _channel.CallAsync(
                "DescribeTaskDefinition",
                new DescribeTaskDefinitionInput(taskDefinition, IncludeTags),
                EcsJsonContext.Default.DescribeTaskDefinitionInput,
                EcsJsonContext.Default.TaskDefinitionOutput,
                cancellationToken).ConfigureAwait(false);
            return TaskDefinitionOf(output, "DescribeTaskDefinition");
        }
        catch (AwsApiException e) when (e.ErrorCode == "ClientException" && AwsErrorMapper.LooksLikeNotFound(e.ErrorMessage))
        {
            throw new AwsApiException(e.Service, e.Operation, AwsErrorKind.NotFound, e.ErrorCode, e.ErrorMessage, e.InnerException);
        }
    }

    public Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string family, CancellationToken cancellationToken) =>
        AllPagesAsync(
            async nextToken =>
            {
                var page = await _channel.CallAsync(
                    "ListTaskDefinitions",
                    new ListTaskDefinitionsInput(family, ActiveTaskDefinitions, "ASC", nextToken, PageSize),
                    EcsJsonContext.Default.ListTaskDefinitionsInput,
                    EcsJsonContext.Default.ListTaskDefinitionsOutput,
                    cancellationToken).ConfigureAwait(false);
                return (page.TaskDefinitionArns, page.NextToken);
            });

    public async Task<TaskDefinition> DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken)
    {
        var output = await _channel.CallAsync(
            "DeregisterTaskDefinition",
            new DeregisterTaskDefinitionInput(taskDefinition),
            EcsJsonContext.Default.DeregisterTaskDefinitionInput,
            EcsJsonContext.Default.TaskDefinitionOutput,
            cancellationToken).ConfigureAwait(false);
        return TaskDefinitionOf(output, "DeregisterTaskDefinition");
    }

    public Task<IReadOnlyList<string>> ListServicesAsync(string cluster, CancellationToken cancellationToken) =>
        AllPagesAsync(
            async nextToken =>
            {
                var page = await _channel.CallAsync(
                    "ListServices",
                    new ListServicesInput(cluster, nextToken, PageSize),
                    EcsJsonContext.Default.ListServicesInput,
                    EcsJsonContext.Default.ListServicesOutput,
                    cancellationToken).ConfigureAwait(false);
                return (page.ServiceArns, page.NextToken);
            });

    public Task<IReadOnlyList<string>> ListTasksAsync(string cluster, string serviceName, CancellationToken cancellationToken) =>
        AllPagesAsync(
            async nextToken =>
            {
                var page = await _channel.CallAsync(
                    "ListTasks",
                    new ListTasksInput(cluster, serviceName, EcsTaskStatus.Running, nextToken, PageSize),
                    EcsJsonContext.Default.ListTasksInput,
                    EcsJsonContext.Default.ListTasksOutput,
                    cancellationToken).ConfigureAwait(false);
                return (page.TaskArns, page.NextToken);
            });

    public async Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken)
    {
        if (taskArns.Count == 0)
        {
            return [];
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(taskArns.Count, 100, nameof(taskArns));
        var output = await _channel.CallAsync(
            "DescribeTasks",
            new DescribeTasksInput(cluster, taskArns),
            EcsJsonContext.Default.DescribeTasksInput,
            EcsJsonContext.Default.DescribeTasksOutput,
            cancellationToken).ConfigureAwait(false);
        return [.. (output.Tasks ?? []).Select(EcsMapping.FromWire)];
    }

    public async Task<ContainerInstancesResult> DescribeContainerInstancesAsync(string cluster, IReadOnlyList<string> containerInstances, CancellationToken cancellationToken)
    {
        if (containerInstances.Count == 0)
        {
            return new ContainerInstancesResult([], []);
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(containerInstances.Count, 100, nameof(containerInstances));
        var output = await _channel.CallAsync(
            "DescribeContainerInstances",
            new DescribeContainerInstancesInput(cluster, containerInstances),
            EcsJsonContext.Default.DescribeContainerInstancesInput,
            EcsJsonContext.Default.DescribeContainerInstancesOutput,
            cancellationToken).ConfigureAwait(false);
        return EcsMapping.FromWire(output);
    }

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        _channel.CallAsync(
            "TagResource",
            new EcsTagResourceInput(resourceArn, EcsMapping.ToTags(tags)),
            EcsJsonContext.Default.EcsTagResourceInput,
            EcsJsonContext.Default.EmptyOutput,
            cancellationToken);

    public void Dispose() => _channel.Dispose();

    private static async Task<IReadOnlyList<string>> AllPagesAsync(Func<string?, Task<(IReadOnlyList<string>? Items, string? NextToken)>> page)
    {
        var items = new List<string>();
        string? nextToken = null;
        do
        {
            var (pageItems, next) = await page(nextToken).ConfigureAwait(false);
            items.AddRange(pageItems ?? []);
            nextToken = next;
        }
        while (!string.IsNullOrEmpty(nextToken));

        return items;
    }

    private static EcsService ServiceOf(ServiceOutput output, string operation) =>
        output.Service is { } service
            ? EcsMapping.FromWire(service)
            : throw new AwsApiException(ServiceName, operation, AwsErrorKind.Unknown, "EmptyResponse", "The answer had no service.");

    private static TaskDefinition TaskDefinitionOf(TaskDefinitionOutput output, string operation) =>
        output.TaskDefinition is { } definition
            ? EcsMapping.FromWire(definition, output.Tags)
            : throw new AwsApiException(ServiceName, operation, AwsErrorKind.Unknown, "EmptyResponse", "The answer had no task definition.");
}
