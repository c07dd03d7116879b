using System.Text.Json;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// Hands the operator fresh copies of what it may keep (task definitions and task ARNs), as the AWS adapters do
/// by deserialising every response; without it the operator's caches would share the simulation's objects and
/// its memory would be under-counted.
/// </summary>
internal sealed class FreshCopyEcsApi(IEcsApi inner) : IEcsApi
{
    public async Task<IReadOnlyList<string>> ListServicesAsync(string cluster, CancellationToken cancellationToken) =>
        [.. (await inner.ListServicesAsync(cluster, cancellationToken)).Select(arn => new string(arn.AsSpan()))];

    public Task<IReadOnlyList<EcsService>> DescribeServicesAsync(string cluster, IReadOnlyList<string> serviceNames, CancellationToken cancellationToken) =>
        inner.DescribeServicesAsync(cluster, serviceNames, cancellationToken);

    public Task<EcsService> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken) => inner.CreateServiceAsync(request, cancellationToken);

    public Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken) => inner.UpdateServiceAsync(request, cancellationToken);

    public Task<EcsService> DeleteServiceAsync(string cluster, string serviceName, CancellationToken cancellationToken) =>
        inner.DeleteServiceAsync(cluster, serviceName, cancellationToken);

    public Task<TaskDefinition> RegisterTaskDefinitionAsync(TaskDefinitionRequest request, CancellationToken cancellationToken) =>
        inner.RegisterTaskDefinitionAsync(request, cancellationToken);

    public async Task<TaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<TaskDefinition>(JsonSerializer.SerializeToUtf8Bytes(await inner.DescribeTaskDefinitionAsync(taskDefinition, cancellationToken)))!;

    public async Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string family, CancellationToken cancellationToken) =>
        [.. (await inner.ListTaskDefinitionsAsync(family, cancellationToken)).Select(arn => new string(arn.AsSpan()))];

    public Task<TaskDefinition> DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken) =>
        inner.DeregisterTaskDefinitionAsync(taskDefinition, cancellationToken);

    public async Task<IReadOnlyList<string>> ListTasksAsync(string cluster, string serviceName, CancellationToken cancellationToken) =>
        [.. (await inner.ListTasksAsync(cluster, serviceName, cancellationToken)).Select(arn => new string(arn.AsSpan()))];

    public async Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken) =>
        [.. (await inner.DescribeTasksAsync(cluster, taskArns, cancellationToken)).Select(t => t with { TaskArn = new string(t.TaskArn.AsSpan()) })];

    public Task<ContainerInstancesResult> DescribeContainerInstancesAsync(string cluster, IReadOnlyList<string> containerInstances, CancellationToken cancellationToken) =>
        inner.DescribeContainerInstancesAsync(cluster, containerInstances, cancellationToken);

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        inner.TagResourceAsync(resourceArn, tags, cancellationToken);
}
