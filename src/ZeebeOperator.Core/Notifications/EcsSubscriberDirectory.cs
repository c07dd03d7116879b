using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Notifications;

/// <summary>
/// Finds subscriber tasks through ECS: services whose task definition has a container with both notify labels
/// (<see cref="NotifyOptions.PortLabel"/>, <see cref="NotifyOptions.UriLabel"/>) in the ECS clusters asked for,
/// and their running tasks. The services are listed again only every
/// <see cref="NotifyOptions.DiscoveryInterval"/> (ListServices, DescribeServices; task definitions are immutable and
/// read once per revision); their tasks are listed on each call, which happens only while events are pending.
/// An <c>awsvpc</c> task is reached at its ENI's private address and the container port; a <c>bridge</c> or
/// <c>host</c> task on EC2 at its container instance's private address and the host port Docker mapped
/// (<see cref="IContainerHostAddresses"/>).
/// </summary>
public sealed partial class EcsSubscriberDirectory(
    IEcsApi ecs,
    TimeProvider time,
    IOptions<NotifyOptions> options,
    ILogger<EcsSubscriberDirectory> logger,
    IContainerHostAddresses? hosts = null) : ISubscriberDirectory
{
    private const int DescribeServicesBatch = 10;
    private const int DescribeTasksBatch = 100;

    private readonly ConcurrentDictionary<string, TaskDefinition> _taskDefinitions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);
    private Listing? _services;

    public async Task<IReadOnlyList<SubscriberTask>> SubscribersAsync(IReadOnlyList<string> ecsClusters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecsClusters);
        var services = await ServicesAsync([.. ecsClusters.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        var subscribers = new List<SubscriberTask>();
        foreach (var service in services)
        {
            var arns = await ecs.ListTasksAsync(service.EcsCluster, service.ServiceName, cancellationToken).ConfigureAwait(false);
            foreach (var batch in arns.Chunk(DescribeTasksBatch))
            {
                var tasks = await ecs.DescribeTasksAsync(service.EcsCluster, batch, cancellationToken).ConfigureAwait(false);
                var running = tasks.Where(t => t.LastStatus == EcsTaskStatus.Running && t.DesiredStatus == EcsTaskStatus.Running).ToList();
                subscribers.AddRange(await AddressesAsync(service, running, cancellationToken).ConfigureAwait(false));
            }
        }

        return subscribers;
    }

    /// <summary>Forgets the listed services: the next call lists them again.</summary>
    public void Invalidate() => _services = null;

    private async Task<IReadOnlyList<SubscriberTask>> AddressesAsync(SubscriberService service, IReadOnlyList<EcsTask> tasks, CancellationToken cancellationToken)
    {
        if (service.NetworkMode == NetworkModes.AwsVpc)
        {
            return [.. tasks.Where(t => t.PrivateIpv4Address is not null)
                .Select(t => new SubscriberTask(service.EcsCluster, service.ServiceName, t.TaskArn, t.PrivateIpv4Address!, service.ContainerPort, service.Path))];
        }

        if (service.NetworkMode is not (NetworkModes.Bridge or NetworkModes.Host))
        {
            ReportOnce(service.ServiceName, $"its tasks have no address in network mode {service.NetworkMode}");
            return [];
        }

        if (hosts is null)
        {
            ReportOnce(service.ServiceName, $"network mode {service.NetworkMode} is not supported by this backend");
            return [];
        }

        var endpoints = await hosts.ResolveAsync(service.EcsCluster, service.NetworkMode, service.ContainerName, service.ContainerPort, tasks, cancellationToken).ConfigureAwait(false);
        return [.. endpoints.Select(e => new SubscriberTask(service.EcsCluster, service.ServiceName, e.TaskArn, e.Address, e.Port, service.Path))];
    }

    private async Task<IReadOnlyList<SubscriberService>> ServicesAsync(IReadOnlyList<string> clusters, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_services is { } cached && cached.Clusters.SequenceEqual(clusters) && now - cached.ListedAt < options.Value.DiscoveryInterval)
        {
            return cached.Services;
        }

        // Only the delivery loop calls this, one pass at a time: no two listings run at once.
        var found = new List<SubscriberService>();
        foreach (var cluster in clusters)
        {
            var arns = await ecs.ListServicesAsync(cluster, cancellationToken).ConfigureAwait(false);
            foreach (var batch in arns.Chunk(DescribeServicesBatch))
            {
                var described = await ecs.DescribeServicesAsync(cluster, batch, cancellationToken).ConfigureAwait(false);
                foreach (var service in described.Where(s => s.IsActive))
                {
                    if (await SubscriberOfAsync(cluster, service, cancellationToken).ConfigureAwait(false) is { } subscriber)
                    {
                        found.Add(subscriber);
                    }
                }
            }
        }

        _services = new Listing(clusters, now, found);
        return found;
    }

    private async Task<SubscriberService?> SubscriberOfAsync(string cluster, EcsService service, CancellationToken cancellationToken)
    {
        if (!_taskDefinitions.TryGetValue(service.TaskDefinition, out var definition))
        {
            definition = await ecs.DescribeTaskDefinitionAsync(service.TaskDefinition, cancellationToken).ConfigureAwait(false);
            _taskDefinitions[service.TaskDefinition] = definition;
        }

        var settings = options.Value;
        foreach (var container in definition.Definition.ContainerDefinitions)
        {
            var labels = container.DockerLabels ?? new Dictionary<string, string>();
            var hasPort = labels.TryGetValue(settings.PortLabel, out var portLabel);
            var hasUri = labels.TryGetValue(settings.UriLabel, out var uri);
            if (!hasPort && !hasUri)
            {
                continue;
            }

            if (!hasPort || !hasUri)
            {
                ReportOnce(service.ServiceName, $"container {container.Name} has {(hasPort ? settings.PortLabel : settings.UriLabel)} but not {(hasPort ? settings.UriLabel : settings.PortLabel)}");
                return null;
            }

            if (!int.TryParse(portLabel, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                ReportOnce(service.ServiceName, $"{settings.PortLabel} of container {container.Name} must be a port number from 1 to 65535 (was '{portLabel}')");
                return null;
            }

            if (uri is null || !uri.StartsWith('/') || !Uri.TryCreate("http://host" + uri, UriKind.Absolute, out _))
            {
                ReportOnce(service.ServiceName, $"{settings.UriLabel} of container {container.Name} must be an absolute path such as /v1.0/notify (was '{uri}')");
                return null;
            }

            return new SubscriberService(cluster, service.ServiceName, definition.Definition.NetworkMode, container.Name, port, uri);
        }

        return null;
    }

    private void ReportOnce(string service, string problem)
    {
        if (_reported.TryAdd(service + "\n" + problem, true))
        {
            LogNotASubscriber(service, problem);
        }
    }

    private sealed record SubscriberService(string EcsCluster, string ServiceName, string NetworkMode, string ContainerName, int ContainerPort, string Path);

    private sealed record Listing(IReadOnlyList<string> Clusters, DateTimeOffset ListedAt, IReadOnlyList<SubscriberService> Services);

    [LoggerMessage(EventId = 920, Level = LogLevel.Warning, Message = "Notify: service {Service} is not taken as a subscriber: {Problem}")]
    private partial void LogNotASubscriber(string service, string problem);
}

/// <summary>The network modes of a task definition.</summary>
public static class NetworkModes
{
    public const string AwsVpc = "awsvpc";
    public const string Bridge = "bridge";
    public const string Host = "host";
}

/// <summary>Where a task on an EC2 container instance is reached: the instance's private address and the host port.</summary>
public sealed record HostEndpoint(string TaskArn, string Address, int Port)
{
    /// <summary>A running task whose address could not be looked up now (an ECS or EC2 call failed).</summary>
    public static HostEndpoint Unresolved(string taskArn) => new(taskArn, string.Empty, 0);
}

/// <summary>
/// Resolves <c>bridge</c>/<c>host</c> tasks to their container instance's private address (ECS
/// DescribeContainerInstances, then EC2 DescribeInstances) and the host port their container port is bound to.
/// A task that cannot be resolved now is left out (and reported); it never fails the others.
/// </summary>
public interface IContainerHostAddresses
{
    Task<IReadOnlyList<HostEndpoint>> ResolveAsync(
        string ecsCluster, string networkMode, string containerName, int containerPort, IReadOnlyList<EcsTask> tasks, CancellationToken cancellationToken);
}
