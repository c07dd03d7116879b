using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Ports;

/// <summary>The AWS Cloud Map operations the operator uses, shaped like the API.</summary>
public interface IServiceDiscoveryApi
{
    /// <summary>ListServices filtered by namespace, all pages.</summary>
    Task<IReadOnlyList<DiscoveryService>> ListServicesAsync(string namespaceId, CancellationToken cancellationToken);

    Task<DiscoveryService> CreateServiceAsync(CreateDiscoveryServiceRequest request, CancellationToken cancellationToken);

    /// <summary>Throws NotFound.</summary>
    Task<DiscoveryService> GetServiceAsync(string serviceId, CancellationToken cancellationToken);

    /// <summary>Throws Conflict (ResourceInUse) while instances are still registered.</summary>
    Task DeleteServiceAsync(string serviceId, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken);

    Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);
}
