using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// The baseline: a per-resource refresh that describes every resource of every node on every pass (one
/// DescribeServices, DescribeTaskDefinition, ListTasks and DescribeTasks per node, Cloud Map GetService and
/// ListTagsForResource per node, one access point lookup per node), after one Cloud Map listing to find the ids.
/// </summary>
internal sealed class NaiveRefresh(SimulatedAws aws)
{
    public async Task RefreshAsync(ZeebeClusterDocument document, CancellationToken cancellationToken)
    {
        var spec = document.Spec;
        var discovery = (await aws.ServiceDiscovery.ListServicesAsync(spec.ServiceDiscovery.NamespaceId, cancellationToken))
            .ToDictionary(s => s.Name, StringComparer.Ordinal);
        for (var nodeId = 0; nodeId < spec.ClusterSize; nodeId++)
        {
            var name = ResourceNames.Broker(document.Name, nodeId);
            foreach (var service in await aws.Ecs.DescribeServicesAsync(spec.Placement.EcsCluster, [name], cancellationToken))
            {
                await aws.Ecs.DescribeTaskDefinitionAsync(service.TaskDefinition, cancellationToken);
                var tasks = await aws.Ecs.ListTasksAsync(spec.Placement.EcsCluster, name, cancellationToken);
                if (tasks.Count > 0)
                {
                    await aws.Ecs.DescribeTasksAsync(spec.Placement.EcsCluster, tasks, cancellationToken);
                }
            }

            if (discovery.GetValueOrDefault(name) is { } registry)
            {
                await aws.ServiceDiscovery.GetServiceAsync(registry.Id, cancellationToken);
                await aws.ServiceDiscovery.ListTagsForResourceAsync(registry.Arn, cancellationToken);
            }

            await aws.Efs.DescribeAccessPointsAsync(spec.Storage.FileSystemId, cancellationToken);
        }
    }
}
