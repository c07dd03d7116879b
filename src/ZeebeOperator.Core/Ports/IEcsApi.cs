using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Ports;

/// <summary>The Amazon ECS operations the operator uses, shaped like the API.</summary>
public interface IEcsApi
{
    /// <summary>DescribeServices with include TAGS, for at most 10 names; services that do not exist are left out.</summary>
    Task<IReadOnlyList<EcsService>> DescribeServicesAsync(string cluster, IReadOnlyList<string> serviceNames, CancellationToken cancellationToken);

    Task<EcsService> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken);

    Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken);

    Task<EcsService> DeleteServiceAsync(string cluster, string serviceName, bool force, CancellationToken cancellationToken);

    Task<TaskDefinition> RegisterTaskDefinitionAsync(TaskDefinitionRequest request, CancellationToken cancellationToken);

    /// <summary>DescribeTaskDefinition with include TAGS, by family, family:revision or ARN. Throws NotFound.</summary>
    Task<TaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken);

    /// <summary>
    /// ListTaskDefinitions for one family (<c>familyPrefix</c> is the full family name), ACTIVE revisions only,
    /// all pages: their ARNs, oldest first.
    /// </summary>
    Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string family, CancellationToken cancellationToken);

    /// <summary>
    /// DeregisterTaskDefinition by <c>family:revision</c> or ARN: the revision becomes INACTIVE. Tasks running it
    /// keep running; no new service or deployment can use it.
    /// </summary>
    Task<TaskDefinition> DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken);

    /// <summary>ListTasks for a service (desired status RUNNING), all pages.</summary>
    Task<IReadOnlyList<string>> ListTasksAsync(string cluster, string serviceName, CancellationToken cancellationToken);

    /// <summary>DescribeTasks for at most 100 task ARNs.</summary>
    Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken);

    Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);
}
