using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Observation;

/// <summary>
/// Reads what exists for a cluster with as few calls as the APIs allow, so that a converged cluster of up to ten
/// nodes costs the same few reads as a one-node cluster: one access point listing per file system, one discovery
/// listing per namespace, ECS services described ten at a time with their tags, the running tasks described in
/// one batch, and task definitions described once per revision (revisions are immutable). Two things are
/// remembered between passes, both only as hints that every pass checks against what it reads:
/// <list type="bullet">
/// <item>each service's running task, so a settled service (one running task, nothing pending, one deployment)
/// needs no ListTasks: the hinted task is described with the others, and any doubt falls back to listing;</item>
/// <item>which Cloud Map service's tags to read next: a discovery service that is ours by reference (the ECS
/// service registers in it) has its tags read in turn, one per pass, so stripped tags are still restored
/// within one pass per node; one that is not referenced has its tags read every pass, since they decide
/// ownership.</item>
/// </list>
/// Every call is retried while AWS throttles it (<see cref="ThrottlingRetry"/>).
/// </summary>
public sealed partial class ClusterObserver(
    IEcsApi ecs,
    IServiceDiscoveryApi serviceDiscovery,
    IElasticFileSystemApi efs,
    IZeebeClusterApi zeebe,
    ThrottlingRetry retry,
    TaskDefinitionCache taskDefinitions,
    IOptions<OperatorOptions> options)
{
    private const int DescribeServicesBatch = 10;
    private const int DescribeTasksBatch = 100;
    private const string ServiceGroupPrefix = "service:";

    private readonly BoundedCache<string> _runningTasks = new(options.Value.TaskDefinitionCacheSize);
    private readonly ConcurrentDictionary<string, int> _tagTurns = new(StringComparer.Ordinal);
    private readonly BoundedCache<string> _ownedGateways = new(options.Value.TaskDefinitionCacheSize);

    public async Task<ObservedCluster> ObserveAsync(ZeebeClusterDocument document, CancellationToken cancellationToken)
    {
        var spec = document.Spec;
        var clusterName = document.Name;
        var accessPointsTask = retry.RunAsync(ct => efs.DescribeAccessPointsAsync(spec.Storage.FileSystemId, ct), cancellationToken);
        var discoveryTask = retry.RunAsync(ct => serviceDiscovery.ListServicesAsync(spec.ServiceDiscovery.NamespaceId, ct), cancellationToken);
        await Task.WhenAll(accessPointsTask, discoveryTask);
        var accessPoints = (await accessPointsTask).Where(a => a.IsUsable).ToList();
        var discoveryByName = (await discoveryTask)
            .DistinctBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(s => s.Name, StringComparer.Ordinal);

        var nodeIds = Enumerable.Range(0, spec.ClusterSize)
            .Concat(accessPoints.Where(a => a.Tags.GetValueOrDefault(TagKeys.Cluster) == clusterName).Select(a => ParseNodeId(a.Tags.GetValueOrDefault(TagKeys.NodeId))).OfType<int>())
            .Concat(discoveryByName.Keys.Select(name => NodeIdOf(clusterName, name)).OfType<int>())
            .Distinct()
            .Order()
            .ToList();

        var services = await DescribeServicesAsync(spec.Placement.EcsCluster, [.. nodeIds.Select(n => ResourceNames.Broker(clusterName, n))], cancellationToken);
        var taskDefinitionsTask = DescribeTaskDefinitionsAsync(services.Values.Select(s => s.TaskDefinition), cancellationToken);
        var discoveryTagsTask = ListDiscoveryTagsAsync(clusterName, nodeIds, discoveryByName, services, cancellationToken);
        var gatewayTask = ObserveGatewayAsync(clusterName, discoveryByName.GetValueOrDefault(spec.ClientAccess.GatewayServiceName(clusterName)), cancellationToken);
        await Task.WhenAll(taskDefinitionsTask, discoveryTagsTask, gatewayTask);
        var taskDefinitions = await taskDefinitionsTask;
        var discoveryTags = await discoveryTagsTask;

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

        var tasks = await DescribeRunningTasksAsync(spec.Placement.EcsCluster, nodes.Select(n => n.Service.OwnedResource).OfType<EcsService>().Where(s => s.IsActive).ToList(), cancellationToken);
        nodes = [.. nodes.Select(n => n.Service.OwnedResource is { } s ? n with { Task = tasks.GetValueOrDefault(s.ServiceName) } : n)];

        return new ObservedCluster(clusterName, nodes, ZeebeObservation.NoBrokerRunning, await gatewayTask);
    }

    /// <summary>
    /// The gateway service and its instances. Its tags decide ownership, so they are read until it is known to be
    /// ours (a Cloud Map service id is never reused); after that only its instances are listed.
    /// </summary>
    private async Task<ObservedGateway> ObserveGatewayAsync(string clusterName, DiscoveryService? service, CancellationToken cancellationToken)
    {
        if (service is null)
        {
            return new ObservedGateway(Observed<DiscoveryService>.Absent, []);
        }

        Observed<DiscoveryService> observed;
        if (_ownedGateways.Get(service.Arn) is not null)
        {
            observed = Observed<DiscoveryService>.OwnedTagsUnread(service);
        }
        else
        {
            var tags = await retry.RunAsync(ct => serviceDiscovery.ListTagsForResourceAsync(service.Arn, ct), cancellationToken);
            observed = Ownership.IsClusterResourceOf(tags, clusterName) ? Observed<DiscoveryService>.Owned(service, tags) : Observed<DiscoveryService>.Foreign(service, tags);
        }

        if (observed.Presence != Presence.Owned)
        {
            return new ObservedGateway(observed, []);
        }

        try
        {
            var instances = await retry.RunAsync(ct => serviceDiscovery.ListInstancesAsync(service.Id, ct), cancellationToken);
            _ownedGateways.Set(service.Arn, service.Arn);
            return new ObservedGateway(observed, instances);
        }
        catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
        {
            // Still remembered as ours: its id is never reused, so the entry cannot misjudge another service, and a
            // listing that still shows it reads as absent again instead of failing on its tags.
            return new ObservedGateway(Observed<DiscoveryService>.Absent, []);
        }
    }

    /// <summary>
    /// Asks for the topology through the running brokers, lowest node first; and, when a rolling update needs it, for
    /// each broker's readiness and the gateway's partition roles and health. Zeebe forwards every cluster request to
    /// its coordinator, the lowest member: while that broker is down nobody is asked (each would wait for Zeebe's own
    /// timeout), and after a timeout no other broker is asked either.
    /// </summary>
    /// <param name="followBackup">A backup in progress to read the state of (GET of the backup API).</param>
    public async Task<ZeebeObservation> ObserveZeebeAsync(ZeebeClusterDocument document, ObservedCluster observed, bool includeReadiness, CancellationToken cancellationToken, long? followBackup = null)
    {
        var running = observed.Nodes.Where(n => n.IsRunning).Select(n => n.NodeId).ToList();
        if (running.Count == 0)
        {
            return ZeebeObservation.NoBrokerRunning;
        }

        var (topology, unavailable) = await ReadTopologyAsync(document, observed, running, cancellationToken);
        var readiness = new Dictionary<int, HealthReport>();
        GatewayTopology? gateway = null;
        string? gatewayUnavailable = null;
        if (includeReadiness)
        {
            var probes = await Task.WhenAll(running.Select(async nodeId =>
            {
                try
                {
                    return (nodeId, await zeebe.CheckHealthAsync(ManagementEndpoint(document, nodeId), HealthProbe.Readiness, cancellationToken));
                }
                catch (ZeebeApiException e)
                {
                    return (nodeId, new HealthReport(false, [$"the probe failed: {e.Message}"]));
                }
            }));
            foreach (var (nodeId, ready) in probes)
            {
                readiness[nodeId] = ready;
            }

            (gateway, gatewayUnavailable) = await ReadGatewayTopologyAsync(document, running, cancellationToken);
        }

        var (backup, backupUnavailable) = followBackup is { } backupId ? await ReadBackupAsync(document, running, backupId, cancellationToken) : (null, null);
        return new ZeebeObservation(topology, unavailable, readiness, gateway, gatewayUnavailable, backup, backupUnavailable);
    }

    /// <summary>The backup's state; one Zeebe answers 404 for does not exist (it is then followed no longer).</summary>
    private async Task<(BackupInfo? Backup, string? Unavailable)> ReadBackupAsync(ZeebeClusterDocument document, IReadOnlyList<int> running, long backupId, CancellationToken cancellationToken)
    {
        var (backup, failures) = await FirstAnswerAsync(running, async nodeId =>
        {
            try
            {
                return await zeebe.GetBackupAsync(ManagementEndpoint(document, nodeId), BackupEndpoints.For(document.Spec.Image), backupId, cancellationToken);
            }
            catch (ZeebeApiException e) when (e.Kind == ZeebeApiErrorKind.NotFound)
            {
                return new BackupInfo(backupId, BackupState.DoesNotExist, $"Zeebe does not know backup {backupId}: {e.Message}", []);
            }
        }, stopOnTimeout: false);
        return (backup, backup is null ? $"backup #{backupId} could not be read ({failures})" : null);
    }

    private async Task<(ClusterTopology? Topology, string? Unavailable)> ReadTopologyAsync(
        ZeebeClusterDocument document, ObservedCluster observed, IReadOnlyList<int> running, CancellationToken cancellationToken)
    {
        var coordinator = observed.Nodes.Where(n => n.Service.OwnedResource is not null).Select(n => (int?)n.NodeId).Min();
        if (coordinator is { } lowest && !running.Contains(lowest))
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"the cluster API is unavailable: broker {lowest}, its coordinator (the lowest member ID), is down"));
        }

        // Every broker forwards to the coordinator: after a timeout, asking another one would only wait as long again.
        var (topology, failures) = await FirstAnswerAsync(running, nodeId => zeebe.GetTopologyAsync(ManagementEndpoint(document, nodeId), cancellationToken), stopOnTimeout: true);
        return (topology, topology is null ? $"the cluster API did not answer ({failures})" : null);
    }

    private async Task<(GatewayTopology? Gateway, string? Unavailable)> ReadGatewayTopologyAsync(
        ZeebeClusterDocument document, IReadOnlyList<int> running, CancellationToken cancellationToken)
    {
        var (gateway, failures) = await FirstAnswerAsync(running, nodeId => zeebe.GetGatewayTopologyAsync(GatewayEndpoint(document, nodeId), cancellationToken), stopOnTimeout: false);
        return (gateway, gateway is null ? $"no gateway answered GET /v2/topology ({failures})" : null);
    }

    /// <summary>Asks the brokers in turn until one answers; otherwise says how each failed.</summary>
    private static async Task<(T? Answer, string Failures)> FirstAnswerAsync<T>(IReadOnlyList<int> nodeIds, Func<int, Task<T>> ask, bool stopOnTimeout)
        where T : class
    {
        var failures = new List<string>();
        foreach (var nodeId in nodeIds)
        {
            try
            {
                return (await ask(nodeId), string.Empty);
            }
            catch (ZeebeApiException e)
            {
                failures.Add($"node {nodeId}: {e.Message}");
                if (stopOnTimeout && e.Kind == ZeebeApiErrorKind.Timeout)
                {
                    break;
                }
            }
        }

        return (null, string.Join("; ", failures));
    }

    /// <summary>The REST address of the gateway embedded in broker <paramref name="nodeId"/> (port 8080).</summary>
    public static Uri GatewayEndpoint(ZeebeClusterDocument document, int nodeId) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://{ResourceNames.DnsName(document.Name, nodeId, document.Spec.ServiceDiscovery.NamespaceName)}:{BrokerPorts.Rest}"));

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

        var referenced = ownedService?.ServiceRegistries.Any(r => r.RegistryArn == service.Arn) == true;
        if (tags.GetValueOrDefault(service.Arn) is not { } serviceTags)
        {
            return referenced ? Observed<DiscoveryService>.OwnedTagsUnread(service) : Observed<DiscoveryService>.Foreign(service, new Dictionary<string, string>());
        }

        var owned = referenced || Ownership.IsOwnedBy(serviceTags, clusterName, nodeId);
        return owned ? Observed<DiscoveryService>.Owned(service, serviceTags) : Observed<DiscoveryService>.Foreign(service, serviceTags);
    }

    /// <summary>
    /// Tags of every discovery service that only its tags can claim, and of one referenced service per pass, in turn.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ListDiscoveryTagsAsync(
        string clusterName,
        IReadOnlyList<int> nodeIds,
        IReadOnlyDictionary<string, DiscoveryService> discoveryByName,
        IReadOnlyDictionary<string, EcsService> services,
        CancellationToken cancellationToken)
    {
        var registered = nodeIds
            .Select(n => services.GetValueOrDefault(ResourceNames.Broker(clusterName, n)) is { } s && Ownership.IsOwnedBy(s.Tags, clusterName, n) ? s : null)
            .OfType<EcsService>()
            .SelectMany(s => s.ServiceRegistries)
            .Select(r => r.RegistryArn)
            .ToHashSet(StringComparer.Ordinal);
        var ours = nodeIds.Select(n => discoveryByName.GetValueOrDefault(ResourceNames.Broker(clusterName, n))).OfType<DiscoveryService>().ToList();
        var unreferenced = ours.Where(s => !registered.Contains(s.Arn));
        var referenced = ours.Where(s => registered.Contains(s.Arn)).ToList();
        var toRead = unreferenced.ToList();
        if (referenced.Count > 0)
        {
            var turn = _tagTurns.AddOrUpdate(clusterName, 0, (_, previous) => previous + 1);
            toRead.Add(referenced[(int)((uint)turn % (uint)referenced.Count)]);
        }

        var tags = await Task.WhenAll(toRead.Select(async s => (s.Arn, Tags: await retry.RunAsync(ct => serviceDiscovery.ListTagsForResourceAsync(s.Arn, ct), cancellationToken))));
        return tags.ToDictionary(t => t.Arn, t => t.Tags, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyDictionary<string, EcsService>> DescribeServicesAsync(string cluster, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var batches = await Task.WhenAll(names
            .Chunk(DescribeServicesBatch)
            .Select(batch => retry.RunAsync(ct => ecs.DescribeServicesAsync(cluster, batch, ct), cancellationToken)));

        // A deleted service is reported INACTIVE for a while; for us it is simply gone.
        return batches
            .SelectMany(b => b)
            .Where(s => s.Status != EcsServiceStatus.Inactive)
            .DistinctBy(s => s.ServiceName, StringComparer.Ordinal)
            .ToDictionary(s => s.ServiceName, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyDictionary<string, TaskDefinition>> DescribeTaskDefinitionsAsync(IEnumerable<string> arns, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, TaskDefinition>(StringComparer.Ordinal);
        await Task.WhenAll(arns.Distinct(StringComparer.Ordinal).Select(async arn =>
        {
            if (taskDefinitions.Get(arn) is { } known)
            {
                found[arn] = known;
                return;
            }

            try
            {
                var described = await retry.RunAsync(ct => ecs.DescribeTaskDefinitionAsync(arn, ct), cancellationToken);
                taskDefinitions.Set(described);
                found[arn] = described;
            }
            catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                // A deleted revision reads as "no current definition": the plan registers one.
            }
        }));

        return found;
    }

    /// <summary>
    /// The newest task of each service. A settled service's task is taken from the hint and described with the
    /// others in one batch; a service that is deploying, has no hint, or whose hinted task is no longer its running
    /// task of the current revision is listed (ListTasks) and its tasks described.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, EcsTask>> DescribeRunningTasksAsync(string cluster, IReadOnlyList<EcsService> services, CancellationToken cancellationToken)
    {
        var hinted = services
            .Where(IsSettled)
            .Select(s => (Service: s, TaskArn: _runningTasks.Get(s.ServiceArn)))
            .Where(h => h.TaskArn is not null)
            .ToList();
        var byService = GroupByService(await DescribeTasksAsync(cluster, [.. hinted.Select(h => h.TaskArn!)], cancellationToken));
        var confirmed = hinted
            .Where(h => byService.GetValueOrDefault(h.Service.ServiceName) is { } task && task.TaskArn == h.TaskArn && IsCurrentRunningTask(task, h.Service))
            .Select(h => h.Service.ServiceName)
            .ToHashSet(StringComparer.Ordinal);

        var toList = services.Where(s => !confirmed.Contains(s.ServiceName)).ToList();
        var listed = (await Task.WhenAll(toList.Select(s => retry.RunAsync(ct => ecs.ListTasksAsync(cluster, s.ServiceName, ct), cancellationToken))))
            .SelectMany(arns => arns)
            .ToList();
        var result = byService.Where(kv => confirmed.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var (serviceName, task) in GroupByService(await DescribeTasksAsync(cluster, listed, cancellationToken)))
        {
            result[serviceName] = task;
        }

        foreach (var service in toList)
        {
            if (result.GetValueOrDefault(service.ServiceName) is { LastStatus: EcsTaskStatus.Running } running)
            {
                _runningTasks.Set(service.ServiceArn, running.TaskArn);
            }
            else
            {
                _runningTasks.Remove(service.ServiceArn);
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, List<string> taskArns, CancellationToken cancellationToken)
    {
        var described = await Task.WhenAll(taskArns.Chunk(DescribeTasksBatch).Select(batch => retry.RunAsync(ct => ecs.DescribeTasksAsync(cluster, batch, ct), cancellationToken)));
        return [.. described.SelectMany(t => t)];
    }

    /// <summary>Each service's task: a running one before any other, and of those the one started last.</summary>
    private static Dictionary<string, EcsTask> GroupByService(IEnumerable<EcsTask> tasks) => tasks
        .Where(t => t.Group.StartsWith(ServiceGroupPrefix, StringComparison.Ordinal))
        .GroupBy(t => t.Group[ServiceGroupPrefix.Length..], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.MaxBy(t => (t.LastStatus == EcsTaskStatus.Running, t.StartedAt))!, StringComparer.Ordinal);

    /// <summary>One deployment, one task running and none starting: the running task can only be the one we saw last.</summary>
    private static bool IsSettled(EcsService service) =>
        service is { DesiredCount: 1, RunningCount: 1, PendingCount: 0, Deployments.Count: 1 };

    private static bool IsCurrentRunningTask(EcsTask task, EcsService service) =>
        task is { LastStatus: EcsTaskStatus.Running, DesiredStatus: EcsTaskStatus.Running } && task.TaskDefinitionArn == service.TaskDefinition;
}
