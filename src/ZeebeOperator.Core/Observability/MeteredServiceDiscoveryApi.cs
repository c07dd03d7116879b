using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Observability;

internal sealed class MeteredServiceDiscoveryApi(IServiceDiscoveryApi inner, OperatorMetrics metrics) : IServiceDiscoveryApi
{
    private const string Service = "servicediscovery";

    public Task<IReadOnlyList<DiscoveryService>> ListServicesAsync(string namespaceId, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "ListServices", () => inner.ListServicesAsync(namespaceId, cancellationToken));

    public Task<DiscoveryService> CreateServiceAsync(CreateDiscoveryServiceRequest request, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "CreateService", () => inner.CreateServiceAsync(request, cancellationToken));

    public Task<DiscoveryService> GetServiceAsync(string serviceId, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "GetService", () => inner.GetServiceAsync(serviceId, cancellationToken));

    public Task DeleteServiceAsync(string serviceId, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "DeleteService", () => inner.DeleteServiceAsync(serviceId, cancellationToken));

    public Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "ListTagsForResource", () => inner.ListTagsForResourceAsync(resourceArn, cancellationToken));

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "TagResource", () => inner.TagResourceAsync(resourceArn, tags, cancellationToken));
}
