using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Simulation.Ecs;

/// <summary>A simulated ECS cluster: its services, deleted ones included while they are retained as INACTIVE.</summary>
internal sealed class EcsClusterState(string name, string arn)
{
    public string Name { get; } = name;

    public string Arn { get; } = arn;

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>The EC2 instances registered in the cluster, in registration order.</summary>
    public List<ContainerInstanceState> ContainerInstances { get; } = [];

    /// <summary>In creation order; a name appears once per incarnation.</summary>
    public List<EcsServiceState> Services { get; } = [];

    /// <summary>The ACTIVE or DRAINING service of that name, if any.</summary>
    public EcsServiceState? FindCurrent(string name) =>
        Services.LastOrDefault(s => s.Name == name && s.Status != EcsServiceStatus.Inactive);

    /// <summary>What DescribeServices shows for a name: the current service, else the latest retained INACTIVE one.</summary>
    public EcsServiceState? FindVisible(string name) =>
        FindCurrent(name) ?? Services.LastOrDefault(s => s.Name == name);

    /// <summary>A container instance by ARN or id, as DescribeContainerInstances takes them.</summary>
    public ContainerInstanceState? FindContainerInstance(string arnOrId) =>
        ContainerInstances.Find(c => c.Arn == arnOrId || (!Infrastructure.Arns.IsArn(arnOrId) && Infrastructure.Arns.LastSegment(c.Arn) == arnOrId));

    public EcsTaskState? FindTask(string taskIdOrArn, out EcsServiceState? owner)
    {
        var id = Infrastructure.Arns.LastSegment(taskIdOrArn);
        foreach (var service in Services)
        {
            var task = service.Tasks.FirstOrDefault(t => t.Id == id);
            if (task is not null)
            {
                owner = service;
                return task;
            }
        }

        owner = null;
        return null;
    }
}
