using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Observability;

internal sealed class MeteredEcsApi(IEcsApi inner, OperatorMetrics metrics) : IEcsApi
{
    private const string Service = "ecs";

    public Task<IReadOnlyList<EcsService>> DescribeServicesAsync(string cluster, IReadOnlyList<string> serviceNames, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "DescribeServices", () => inner.DescribeServicesAsync(cluster, serviceNames, cancellationToken));

    public Task<EcsService> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "CreateService", () => inner.CreateServiceAsync(request, cancellationToken));

    public Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "UpdateService", () => inner.UpdateServiceAsync(request, cancellationToken));

    public Task<EcsService> DeleteServiceAsync(string cluster, string serviceName, bool force, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "DeleteService", () => inner.DeleteServiceAsync(cluster, serviceName, force, cancellationToken));

    public Task<TaskDefinition> RegisterTaskDefinitionAsync(TaskDefinitionRequest request, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "RegisterTaskDefinition", () => inner.RegisterTaskDefinitionAsync(request, cancellationToken));

    public Task<TaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "DescribeTaskDefinition", () => inner.DescribeTaskDefinitionAsync(taskDefinition, cancellationToken));

    public Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string family, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "ListTaskDefinitions", () => inner.ListTaskDefinitionsAsync(family, cancellationToken));

    public Task<TaskDefinition> DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "DeregisterTaskDefinition", () => inner.DeregisterTaskDefinitionAsync(taskDefinition, cancellationToken));

    public Task<IReadOnlyList<string>> ListTasksAsync(string cluster, string serviceName, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "ListTasks", () => inner.ListTasksAsync(cluster, serviceName, cancellationToken));

    public Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "DescribeTasks", () => inner.DescribeTasksAsync(cluster, taskArns, cancellationToken));

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "TagResource", () => inner.TagResourceAsync(resourceArn, tags, cancellationToken));
}
