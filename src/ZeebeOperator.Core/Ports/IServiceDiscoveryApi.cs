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

    /// <summary>ListInstances of a service, all pages. Throws NotFound (ServiceNotFound) for an unknown service.</summary>
    [AwsOperation("servicediscovery", "ListInstances")]
    Task<IReadOnlyList<ServiceInstance>> ListInstancesAsync([Target] string serviceId, CancellationToken cancellationToken);

    /// <summary>Asynchronous in Cloud Map: returns the id of the operation that applies it.</summary>
    [AwsOperation("servicediscovery", "RegisterInstance", Mutates = true)]
    Task<string> RegisterInstanceAsync([Target(nameof(RegisterInstanceRequest.InstanceId))] RegisterInstanceRequest request, CancellationToken cancellationToken);

    /// <summary>Asynchronous in Cloud Map: returns the operation id. Throws NotFound for an unknown instance or service.</summary>
    [AwsOperation("servicediscovery", "DeregisterInstance", Mutates = true)]
    Task<string> DeregisterInstanceAsync(string serviceId, [Target] string instanceId, CancellationToken cancellationToken);

    [AwsOperation("servicediscovery", "ListTagsForResource")]
    Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync([Target] string resourceArn, CancellationToken cancellationToken);

    [AwsOperation("servicediscovery", "TagResource", Mutates = true)]
    Task TagResourceAsync([Target] string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);
}
