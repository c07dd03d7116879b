using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Ports;

/// <summary>The Amazon ECS operations the operator uses, shaped like the API.</summary>
public interface IEcsApi
{
    /// <summary>ListServices, all pages: the ARNs of the cluster's services.</summary>
    [AwsOperation("ecs", "ListServices")]
    Task<IReadOnlyList<string>> ListServicesAsync([Target] string cluster, CancellationToken cancellationToken);

    /// <summary>DescribeServices with include TAGS, for at most 10 names; services that do not exist are left out.</summary>
    [AwsOperation("ecs", "DescribeServices")]
    Task<IReadOnlyList<EcsService>> DescribeServicesAsync([Target] string cluster, IReadOnlyList<string> serviceNames, CancellationToken cancellationToken);

    [AwsOperation("ecs", "CreateService", Mutates = true)]
    Task<EcsService> CreateServiceAsync([Target(nameof(CreateServiceRequest.ServiceName))] CreateServiceRequest request, CancellationToken cancellationToken);

    [AwsOperation("ecs", "UpdateService", Mutates = true)]
    Task<EcsService> UpdateServiceAsync([Target(nameof(UpdateServiceRequest.Service))] UpdateServiceRequest request, CancellationToken cancellationToken);

    /// <summary>DeleteService with force: the service still wants its one task, and deleting it stops the task.</summary>
    [AwsOperation("ecs", "DeleteService", Mutates = true)]
    Task<EcsService> DeleteServiceAsync(string cluster, [Target] string serviceName, CancellationToken cancellationToken);

    [AwsOperation("ecs", "RegisterTaskDefinition", Mutates = true)]
    Task<TaskDefinition> RegisterTaskDefinitionAsync([Target(nameof(TaskDefinitionRequest.Family))] TaskDefinitionRequest request, CancellationToken cancellationToken);

    /// <summary>DescribeTaskDefinition with include TAGS, by family, family:revision or ARN. Throws NotFound.</summary>
    [AwsOperation("ecs", "DescribeTaskDefinition")]
    Task<TaskDefinition> DescribeTaskDefinitionAsync([Target] string taskDefinition, CancellationToken cancellationToken);

    /// <summary>
    /// ListTaskDefinitions for one family (<c>familyPrefix</c> is the full family name), ACTIVE revisions only,
    /// all pages: their ARNs, oldest first.
    /// </summary>
    [AwsOperation("ecs", "ListTaskDefinitions")]
    Task<IReadOnlyList<string>> ListTaskDefinitionsAsync([Target] string family, CancellationToken cancellationToken);

    /// <summary>
    /// DeregisterTaskDefinition by <c>family:revision</c> or ARN: the revision becomes INACTIVE. Tasks running it
    /// keep running; no new service or deployment can use it.
    /// </summary>
    [AwsOperation("ecs", "DeregisterTaskDefinition", Mutates = true)]
    Task<TaskDefinition> DeregisterTaskDefinitionAsync([Target] string taskDefinition, CancellationToken cancellationToken);

    /// <summary>ListTasks for a service (desired status RUNNING), all pages.</summary>
    [AwsOperation("ecs", "ListTasks")]
    Task<IReadOnlyList<string>> ListTasksAsync(string cluster, [Target] string serviceName, CancellationToken cancellationToken);

    /// <summary>DescribeTasks for at most 100 task ARNs.</summary>
    [AwsOperation("ecs", "DescribeTasks")]
    Task<IReadOnlyList<EcsTask>> DescribeTasksAsync([Target] string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken);

    /// <summary>
    /// DescribeContainerInstances for at most 100 container instance ARNs or ids: their EC2 instance ids. ARNs it does not
    /// know come back in <see cref="ContainerInstancesResult.Failures"/> (reason MISSING), not as an error.
    /// </summary>
    [AwsOperation("ecs", "DescribeContainerInstances")]
    Task<ContainerInstancesResult> DescribeContainerInstancesAsync([Target] string cluster, IReadOnlyList<string> containerInstances, CancellationToken cancellationToken);

    [AwsOperation("ecs", "TagResource", Mutates = true)]
    Task TagResourceAsync([Target] string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);
}
