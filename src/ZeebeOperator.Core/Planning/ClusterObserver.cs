using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Planning;

/// <summary>
/// Reads what exists for a cluster with as few calls as the APIs allow: one access point listing per file
/// system, one discovery listing per namespace, ECS services described ten at a time, and task definitions
/// described once per revision for the life of the process (revisions are immutable).
/// </summary>
public sealed partial class ClusterObserver(IEcsApi ecs, IServiceDiscoveryApi serviceDiscovery, IElasticFileSystemApi efs, IZeebeClusterApi zeebe)
{
    private const int DescribeServicesBatch = 10;
    private const int DescribeTasksBatch = 100;
    private const string ServiceGroupPrefix = "service:";

    private readonly ConcurrentDictionary<string, TaskDefinition> _taskDefinitions = new(StringComparer.Ordinal);

    public async Task<ObservedCluster> ObserveAsync(ZeebeClusterDocument document, CancellationToken cancellationToken)
    {
        var spec = document.Spec;
        var clusterName = document.Name;
        var accessPointsTask = efs.DescribeAccessPointsAsync(spec.Storage.FileSystemId, cancellationToken);
        var discoveryTask = serviceDiscovery.ListServicesAsync(spec.ServiceDiscovery.NamespaceId, cancellationToken);
        await Task.WhenAll(accessPointsTask, discoveryTask);
        var accessPoints = (await accessPointsTask).Where(a => a.IsUsable).ToList();
        var discoveryByName = (await discoveryTask)
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var nodeIds = Enumerable.Range(0, spec.ClusterSize)
            .Concat(accessPoints.Where(a => a.Tags.GetValueOrDefault(TagKeys.Cluster) == clusterName).Select(a => ParseNodeId(a.Tags.GetValueOrDefault(TagKeys.NodeId))).OfType<int>())
            .Concat(discoveryByName.Keys.Select(name => NodeIdOf(clusterName, name)).OfType<int>())
            .Distinct()
            .Order()
            .ToList();

        var servicesTask = DescribeServicesAsync(spec.Placement.EcsCluster, [.. nodeIds.Select(n => ResourceNames.Broker(clusterName, n))], cancellationToken);
        var discoveryTagsTask = ListDiscoveryTagsAsync(nodeIds.Select(n => discoveryByName.GetValueOrDefault(ResourceNames.Broker(clusterName, n))).OfType<DiscoveryService>(), cancellationToken);
        await Task.WhenAll(servicesTask, discoveryTagsTask);
        var services = await servicesTask;
        var discoveryTags = await discoveryTagsTask;

        var taskDefinitions = await DescribeTaskDefinitionsAsync(services.Values.Select(s => s.TaskDefinition), cancellationToken);
        var nodes = nodeIds.Select(nodeId =>
        {
            var brokerName = ResourceNames.Broker(clusterName, nodeId);
            var service = ClassifyService(services.GetValueOrDefault(brokerName), clusterName, nodeId, taskDefinitions);
            var definition = service.OwnedResource is { } owned ? taskDefinitions.GetValueOrDefault(owned.TaskDefinition) : null;
            return new ObservedNode(
                nodeId,
                ClassifyAccessPoint(accessPoints, clusterName, nodeId, ResourceNames.NodeDirectory(spec.Storage.RootDirectory, nodeId), definition),
                ClassifyDiscoveryService(discoveryByName.GetValueOrDefault(brokerName), discoveryTags, clusterName, nodeId, service.OwnedResource),
                service,
                definition,
                Task: null);
        }).ToList();

        var tasks = await DescribeRunningTasksAsync(spec.Placement.EcsCluster, nodes.Select(n => n.Service.OwnedResource).OfType<EcsService>().Where(s => s.IsActive), cancellationToken);
        nodes = [.. nodes.Select(n => n.Service.OwnedResource is { } s ? n with { Task = tasks.GetValueOrDefault(s.ServiceName) } : n)];

        return new ObservedCluster(clusterName, nodes, ZeebeObservation.NoBrokerRunning);
    }

    /// <summary>Asks the running brokers, lowest node first, for the topology; and for readiness when a rolling update needs it.</summary>
    public async Task<ZeebeObservation> ObserveZeebeAsync(ZeebeClusterDocument document, ObservedCluster observed, bool includeReadiness, CancellationToken cancellationToken)
    {
        var running = observed.Nodes.Where(n => n.IsRunning).Select(n => n.NodeId).ToList();
        if (running.Count == 0)
        {
            return ZeebeObservation.NoBrokerRunning;
        }

        ClusterTopology? topology = null;
        var failures = new List<string>();
        foreach (var nodeId in running)
        {
            try
            {
                topology = await zeebe.GetTopologyAsync(ManagementEndpoint(document, nodeId), cancellationToken);
                break;
            }
            catch (ZeebeApiException e)
            {
                failures.Add($"node {nodeId}: {e.Message}");
            }
        }

        var readiness = new Dictionary<int, bool>();
        if (includeReadiness)
        {
            var probes = await Task.WhenAll(running.Select(async nodeId =>
            {
                try
                {
                    return (nodeId, await zeebe.IsHealthyAsync(ManagementEndpoint(document, nodeId), HealthProbe.Readiness, cancellationToken));
                }
                catch (ZeebeApiException)
                {
                    return (nodeId, false);
                }
            }));
            foreach (var (nodeId, ready) in probes)
            {
                readiness[nodeId] = ready;
            }
        }

        return new ZeebeObservation(topology, topology is null ? $"the cluster API did not answer ({string.Join("; ", failures)})" : null, readiness);
    }

    public static Uri ManagementEndpoint(ZeebeClusterDocument document, int nodeId) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://{ResourceNames.DnsName(document.Name, nodeId, document.Spec.ServiceDiscovery.NamespaceName)}:{BrokerPorts.Management}"));

    private static int? ParseNodeId(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static int? NodeIdOf(string clusterName, string brokerName)
    {
        var match = BrokerName().Match(brokerName);
        return match.Success && match.Groups["cluster"].Value == clusterName ? ParseNodeId(match.Groups["node"].Value) : null;
    }

    [GeneratedRegex(@"^(?<cluster>.+)-broker-(?<node>\d{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex BrokerName();

    /// <summary>
    /// Ours by tags, or, when someone stripped the tags, by reference: a service whose task definition is ours.
    /// </summary>
    private static Observed<EcsService> ClassifyService(EcsService? service, string clusterName, int nodeId, IReadOnlyDictionary<string, TaskDefinition> taskDefinitions)
    {
        if (service is null)
        {
            return Observed<EcsService>.Absent;
        }

        var ownedByTags = Ownership.IsOwnedBy(service.Tags, clusterName, nodeId);
        var ownedByReference = taskDefinitions.GetValueOrDefault(service.TaskDefinition) is { } definition
            && Ownership.IsOwnedBy(definition.Definition.Tags, clusterName, nodeId);
        return ownedByTags || ownedByReference ? Observed<EcsService>.Owned(service, service.Tags) : Observed<EcsService>.Foreign(service, service.Tags);
    }

    private static Observed<AccessPoint> ClassifyAccessPoint(IReadOnlyList<AccessPoint> accessPoints, string clusterName, int nodeId, string rootPath, TaskDefinition? ownedDefinition)
    {
        var owned = accessPoints
            .Where(a => Ownership.IsOwnedBy(a.Tags, clusterName, nodeId))
            .OrderBy(a => a.AccessPointId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (owned is not null)
        {
            return Observed<AccessPoint>.Owned(owned, owned.Tags);
        }

        var referenced = ownedDefinition?.Definition.Volumes.Select(v => v.Efs.AccessPointId).ToHashSet(StringComparer.Ordinal) ?? [];
        var byReference = accessPoints.FirstOrDefault(a => referenced.Contains(a.AccessPointId));
        if (byReference is not null)
        {
            return Observed<AccessPoint>.Owned(byReference, byReference.Tags);
        }

        var brokerName = ResourceNames.Broker(clusterName, nodeId);
        var inTheWay = accessPoints.FirstOrDefault(a => a.Name == brokerName || a.RootPath == rootPath);
        return inTheWay is null ? Observed<AccessPoint>.Absent : Observed<AccessPoint>.Foreign(inTheWay, inTheWay.Tags);
    }

    private static Observed<DiscoveryService> ClassifyDiscoveryService(
        DiscoveryService? service,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> tags,
        string clusterName,
        int nodeId,
        EcsService? ownedService)
    {
        if (service is null)
        {
            return Observed<DiscoveryService>.Absent;
        }

        var serviceTags = tags.GetValueOrDefault(service.Arn) ?? new Dictionary<string, string>();
        var owned = Ownership.IsOwnedBy(serviceTags, clusterName, nodeId)
            || ownedService?.ServiceRegistries.Any(r => r.RegistryArn == service.Arn) == true;
        return owned ? Observed<DiscoveryService>.Owned(service, serviceTags) : Observed<DiscoveryService>.Foreign(service, serviceTags);
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ListDiscoveryTagsAsync(IEnumerable<DiscoveryService> services, CancellationToken cancellationToken)
    {
        var tags = await Task.WhenAll(services.Select(async s => (s.Arn, Tags: await serviceDiscovery.ListTagsForResourceAsync(s.Arn, cancellationToken))));
        return tags.ToDictionary(t => t.Arn, t => t.Tags, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyDictionary<string, EcsService>> DescribeServicesAsync(string cluster, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var batches = await Task.WhenAll(names
            .Chunk(DescribeServicesBatch)
            .Select(batch => ecs.DescribeServicesAsync(cluster, batch, cancellationToken)));

        // A deleted service is reported INACTIVE for a while; for us it is simply gone.
        return batches
            .SelectMany(b => b)
            .Where(s => s.Status != EcsServiceStatus.Inactive)
            .GroupBy(s => s.ServiceName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
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
                // A deleted revision reads as "no current definition": the plan registers one.
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
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(t => t.LastStatus == EcsTaskStatus.Running).ThenByDescending(t => t.StartedAt).First(),
                StringComparer.Ordinal);
    }
}
