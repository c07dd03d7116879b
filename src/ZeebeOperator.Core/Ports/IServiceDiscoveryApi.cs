using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Ports;

/// <summary>The AWS Cloud Map operations the operator uses, shaped like the API.</summary>
public interface IServiceDiscoveryApi
{
    /// <summary>ListServices filtered by namespace, all pages.</summary>
    [AwsOperation("servicediscovery", "ListServices")]
    Task<IReadOnlyList<DiscoveryService>> ListServicesAsync([Target] string namespaceId, CancellationToken cancellationToken);

    [AwsOperation("servicediscovery", "CreateService", Mutates = true)]
    Task<DiscoveryService> CreateServiceAsync([Target(nameof(CreateDiscoveryServiceRequest.Name))] CreateDiscoveryServiceRequest request, CancellationToken cancellationToken);

    /// <summary>Throws Conflict (ResourceInUse) while instances are still registered.</summary>
    [AwsOperation("servicediscovery", "DeleteService", Mutates = true)]
    Task DeleteServiceAsync([Target] string serviceId, CancellationToken cancellationToken);

    [AwsOperation("servicediscovery", "ListTagsForResource")]
    Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync([Target] string resourceArn, CancellationToken cancellationToken);

    [AwsOperation("servicediscovery", "TagResource", Mutates = true)]
    Task TagResourceAsync([Target] string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);
}
