using System.Collections.Concurrent;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Planning;

/// <summary>
/// Reads what exists for a cluster with as few calls as the APIs allow: one access point listing per file
/// system, one discovery listing per namespace, ECS services described ten at a time, and task definitions
/// described once per revision for the life of the process (revisions are immutable).
/// </summary>
public sealed class ClusterObserver(IEcsApi ecs, IServiceDiscoveryApi serviceDiscovery, IElasticFileSystemApi efs)
{
    private const int DescribeServicesBatch = 10;
    private const int DescribeTasksBatch = 100;

    private readonly ConcurrentDictionary<string, TaskDefinition> _taskDefinitions = new(StringComparer.Ordinal);

    public async Task<ObservedCluster> ObserveAsync(DesiredCluster desired, CancellationToken cancellationToken)
    {
        var spec = desired.Document.Spec;
        var accessPointsTask = efs.DescribeAccessPointsAsync(spec.Storage.FileSystemId, cancellationToken);
        var discoveryTask = ObserveDiscoveryServicesAsync(desired, cancellationToken);
        var servicesTask = DescribeServicesAsync(desired, cancellationToken);
        await Task.WhenAll(accessPointsTask, discoveryTask, servicesTask);

        var accessPoints = await accessPointsTask;
        var discovery = await discoveryTask;
        var services = await servicesTask;

        var taskDefinitions = await DescribeTaskDefinitionsAsync(services.Values.Where(s => s.Presence == Presence.Owned).Select(s => s.Resource!.TaskDefinition), cancellationToken);
        var tasks = await DescribeRunningTasksAsync(desired.EcsCluster, services.Values.Select(s => s.OwnedResource).OfType<EcsService>().Where(s => s.IsActive), cancellationToken);

        var nodes = desired.Nodes.Select(node =>
        {
            var service = services[node.BrokerName];
            return new ObservedNode(
                node.NodeId,
                ClassifyAccessPoint(accessPoints, desired.Name, node),
                discovery[node.BrokerName],
                service,
                service.OwnedResource is { } owned ? taskDefinitions.GetValueOrDefault(owned.TaskDefinition) : null,
                service.OwnedResource is { } ownedService ? tasks.GetValueOrDefault(ownedService.ServiceName) : null);
        });

        return new ObservedCluster(desired.Name, [.. nodes]);
    }

    private static Observed<AccessPoint> ClassifyAccessPoint(IReadOnlyList<AccessPoint> accessPoints, string clusterName, DesiredNode node)
    {
        var live = accessPoints.Where(a => a.IsUsable).ToList();
        var owned = live
            .Where(a => Ownership.IsOwnedBy(a.Tags, clusterName, node.NodeId))
            .OrderBy(a => a.AccessPointId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (owned is not null)
        {
            return Observed<AccessPoint>.Owned(owned);
        }

        var inTheWay = live.FirstOrDefault(a => a.Name == node.BrokerName || a.RootPath == node.AccessPoint.RootPath);
        return inTheWay is null ? Observed<AccessPoint>.Absent : Observed<AccessPoint>.Foreign(inTheWay);
    }

    private async Task<IReadOnlyDictionary<string, Observed<DiscoveryService>>> ObserveDiscoveryServicesAsync(DesiredCluster desired, CancellationToken cancellationToken)
    {
        var namespaceId = desired.Document.Spec.ServiceDiscovery.NamespaceId;
        var byName = (await serviceDiscovery.ListServicesAsync(namespaceId, cancellationToken))
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var observed = await Task.WhenAll(desired.Nodes.Select(async node =>
        {
            if (!byName.TryGetValue(node.BrokerName, out var service))
            {
                return (node.BrokerName, Observed<DiscoveryService>.Absent);
            }

            var tags = await serviceDiscovery.ListTagsForResourceAsync(service.Arn, cancellationToken);
            return (node.BrokerName, Ownership.IsOwnedBy(tags, desired.Name, node.NodeId)
                ? Observed<DiscoveryService>.Owned(service)
                : Observed<DiscoveryService>.Foreign(service));
        }));

        return observed.ToDictionary(o => o.BrokerName, o => o.Item2, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyDictionary<string, Observed<EcsService>>> DescribeServicesAsync(DesiredCluster desired, CancellationToken cancellationToken)
    {
        var batches = await Task.WhenAll(desired.Nodes
            .Chunk(DescribeServicesBatch)
            .Select(batch => ecs.DescribeServicesAsync(desired.EcsCluster, [.. batch.Select(n => n.BrokerName)], cancellationToken)));

        // A deleted service is reported INACTIVE for a while; for us it is simply gone.
        var found = batches
            .SelectMany(b => b)
            .Where(s => s.Status != EcsServiceStatus.Inactive)
            .GroupBy(s => s.ServiceName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        return desired.Nodes.ToDictionary(
            n => n.BrokerName,
            n => found.TryGetValue(n.BrokerName, out var service)
                ? Ownership.IsOwnedBy(service.Tags, desired.Name, n.NodeId) ? Observed<EcsService>.Owned(service) : Observed<EcsService>.Foreign(service)
                : Observed<EcsService>.Absent,
            StringComparer.Ordinal);
    }

    private async Task<IReadOnlyDictionary<string, TaskDefinition>> DescribeTaskDefinitionsAsync(IEnumerable<string> arns, CancellationToken cancellationToken)
    {
        var missing = arns.Distinct(StringComparer.Ordinal).Where(arn => !_taskDefinitions.ContainsKey(arn)).ToList();
        await Task.WhenAll(missing.Select(async arn =>
        {
            try
            {
                _taskDefinitions[arn] = await ecs.DescribeTaskDefinitionAsync(arn, cancellationToken);
            }
            catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                // Deregistered and deleted revisions read as "no current definition": the plan registers one.
            }
        }));

        return _taskDefinitions;
    }

    private async Task<IReadOnlyDictionary<string, EcsTask>> DescribeRunningTasksAsync(string cluster, IEnumerable<EcsService> services, CancellationToken cancellationToken)
    {
        var taskArns = (await Task.WhenAll(services.Select(s => ecs.ListTasksAsync(cluster, s.ServiceName, cancellationToken))))
            .SelectMany(arns => arns)
            .ToList();
        if (taskArns.Count == 0)
        {
            return new Dictionary<string, EcsTask>(StringComparer.Ordinal);
        }

        var described = await Task.WhenAll(taskArns.Chunk(DescribeTasksBatch).Select(batch => ecs.DescribeTasksAsync(cluster, batch, cancellationToken)));
        return described
            .SelectMany(t => t)
            .Where(t => t.Group.StartsWith(ServiceGroupPrefix, StringComparison.Ordinal))
            .GroupBy(t => t.Group[ServiceGroupPrefix.Length..], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.LastStatus == EcsTaskStatus.Running).ThenByDescending(t => t.StartedAt).First(), StringComparer.Ordinal);
    }

    private const string ServiceGroupPrefix = "service:";
}
