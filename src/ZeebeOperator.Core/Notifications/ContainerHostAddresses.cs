using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Notifications;

/// <summary>
/// Where <c>bridge</c> and <c>host</c> subscriber tasks on EC2 are reached: the private IPv4 address of the EC2 instance
/// behind the task's container instance (ECS DescribeContainerInstances, up to 100 per call, then EC2 DescribeInstances
/// by the <c>instance-id</c> filter, which leaves unknown ids out instead of failing the call), and the host port Docker
/// published the notify port on (the task's network binding; in <c>host</c> mode the container port itself).
/// A container instance keeps its EC2 instance and that its primary address for life, so each is looked up once and
/// kept while it is used. An unknown container instance or a terminated instance leaves out only the tasks on it (they
/// are stopping); a failed call makes only the tasks it concerns <see cref="HostEndpoint.Unresolved"/> (they run, so
/// delivery keeps their events open and asks again on its next pass). Each is logged once.
/// </summary>
public sealed partial class ContainerHostAddresses(
    IEcsApi ecs,
    IEc2Api ec2,
    TimeProvider time,
    IOptions<NotifyOptions> options,
    ILogger<ContainerHostAddresses> logger) : IContainerHostAddresses
{
    public const int DescribeContainerInstancesBatch = 100;

    /// <summary>EC2 takes at most 200 filter values in one call.</summary>
    public const int InstanceIdFilterBatch = 200;

    private const int PageSize = 1000;

    /// <summary>An address not asked for this long is forgotten (its instance has most likely left the cluster).</summary>
    private static readonly TimeSpan UnusedLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, KnownAddress> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unresolvedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);

    /// <summary>How many container instances have a known address now.</summary>
    public int CachedCount => _addresses.Count;

    public async Task<IReadOnlyList<HostEndpoint>> ResolveAsync(
        string ecsCluster, string networkMode, string containerName, int containerPort, IReadOnlyList<EcsTask> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var placed = new List<(EcsTask Task, string ContainerInstanceArn, int Port)>();
        foreach (var task in tasks)
        {
            if (task.ContainerInstanceArn is not { Length: > 0 } containerInstance)
            {
                ReportOnce(ecsCluster, task.TaskArn, $"it runs on no container instance (launch type {task.LaunchType ?? "unknown"}), so network mode {networkMode} gives it no address");
                continue;
            }

            if (HostPort(task, networkMode, containerName, containerPort) is not { } port)
            {
                ReportOnce(ecsCluster, task.TaskArn, $"container {containerName} has no network binding for port {containerPort} (is it in the container's portMappings?)");
                continue;
            }

            placed.Add((task, containerInstance, port));
        }

        if (placed.Count == 0)
        {
            return [];
        }

        var failed = new HashSet<string>(StringComparer.Ordinal);
        var addresses = await AddressesAsync(ecsCluster, [.. placed.Select(p => p.ContainerInstanceArn).Distinct(StringComparer.Ordinal)], failed, cancellationToken).ConfigureAwait(false);
        return [.. placed
            .Where(p => addresses.ContainsKey(p.ContainerInstanceArn) || failed.Contains(p.ContainerInstanceArn))
            .Select(p => addresses.TryGetValue(p.ContainerInstanceArn, out var address)
                ? new HostEndpoint(p.Task.TaskArn, address, p.Port)
                : HostEndpoint.Unresolved(p.Task.TaskArn))];
    }

    private static int? HostPort(EcsTask task, string networkMode, string containerName, int containerPort)
    {
        var binding = (task.Containers ?? [])
            .Where(c => c.Name == containerName)
            .SelectMany(c => c.NetworkBindings)
            .FirstOrDefault(b => b.ContainerPort == containerPort && b.HostPort > 0 && string.Equals(b.Protocol ?? "tcp", "tcp", StringComparison.OrdinalIgnoreCase));
        return binding?.HostPort ?? (networkMode == NetworkModes.Host ? containerPort : null);
    }

    /// <param name="failed">Receives the container instances whose lookup failed (a call error): their tasks run but cannot be reached now.</param>
    private async Task<Dictionary<string, string>> AddressesAsync(string ecsCluster, IReadOnlyList<string> containerInstances, HashSet<string> failed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Forget(now);
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var arn in containerInstances)
        {
            if (_addresses.TryGetValue(arn, out var known))
            {
                _addresses[arn] = known with { LastUsed = now };
                addresses[arn] = known.Address;
            }
            else if (!_unresolvedUntil.ContainsKey(arn)) // Forget(now) dropped those whose interval is over.
            {
                unknown.Add(arn);
            }
        }

        // Nothing unknown: no batch, so no call.
        var instanceIds = await InstanceIdsAsync(ecsCluster, unknown, now, failed, cancellationToken).ConfigureAwait(false);
        foreach (var (arn, address) in await PrivateAddressesAsync(ecsCluster, instanceIds, now, failed, cancellationToken).ConfigureAwait(false))
        {
            _addresses[arn] = new KnownAddress(address, now);
            addresses[arn] = address;
        }

        return addresses;
    }

    /// <summary>Container instance ARN → EC2 instance id, for those ECS could describe.</summary>
    private async Task<Dictionary<string, string>> InstanceIdsAsync(
        string ecsCluster, IReadOnlyList<string> containerInstances, DateTimeOffset now, HashSet<string> failed, CancellationToken cancellationToken)
    {
        const string Operation = "ecs:DescribeContainerInstances";
        var instanceIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var batch in containerInstances.Chunk(DescribeContainerInstancesBatch))
        {
            ContainerInstancesResult described;
            try
            {
                described = await ecs.DescribeContainerInstancesAsync(ecsCluster, batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ReportCallFailed(Operation, ecsCluster, e);
                failed.UnionWith(batch);
                continue;
            }

            Succeeded(Operation, ecsCluster);
            foreach (var instance in described.ContainerInstances)
            {
                instanceIds[instance.ContainerInstanceArn] = instance.Ec2InstanceId;
            }

            foreach (var failure in described.Failures)
            {
                Unresolved(ecsCluster, failure.Arn, now, $"ECS does not describe it: {failure.Reason}{(failure.Detail is null ? string.Empty : " (" + failure.Detail + ")")}");
            }
        }

        return instanceIds;
    }

    /// <summary>Container instance ARN → its EC2 instance's private IPv4 address, for the instances EC2 still has one for.</summary>
    private async Task<Dictionary<string, string>> PrivateAddressesAsync(
        string ecsCluster, Dictionary<string, string> instanceIds, DateTimeOffset now, HashSet<string> failed, CancellationToken cancellationToken)
    {
        const string Operation = "ec2:DescribeInstances";
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var batch in instanceIds.Values.Distinct(StringComparer.Ordinal).Chunk(InstanceIdFilterBatch))
        {
            var instances = new Dictionary<string, Ec2Instance>(StringComparer.Ordinal);
            try
            {
                string? nextToken = null;
                do
                {
                    var page = await ec2.DescribeInstancesAsync(new Ec2InstanceQuery(InstanceIdFilter: batch, MaxResults: PageSize, NextToken: nextToken), cancellationToken).ConfigureAwait(false);
                    foreach (var instance in page.Instances)
                    {
                        instances[instance.InstanceId] = instance;
                    }

                    nextToken = page.NextToken;
                }
                while (!string.IsNullOrEmpty(nextToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ReportCallFailed(Operation, ecsCluster, e);
                failed.UnionWith(instanceIds.Where(i => batch.Contains(i.Value, StringComparer.Ordinal)).Select(i => i.Key));
                continue;
            }

            Succeeded(Operation, ecsCluster);
            foreach (var (arn, instanceId) in instanceIds.Where(i => batch.Contains(i.Value, StringComparer.Ordinal)))
            {
                if (instances.TryGetValue(instanceId, out var instance) && instance.PrivateIpAddress is { Length: > 0 } address)
                {
                    addresses[arn] = address;
                }
                else
                {
                    Unresolved(ecsCluster, arn, now, instance is null
                        ? $"EC2 does not know its instance {instanceId}"
                        : $"its EC2 instance {instanceId} is {instance.State} and has no private address");
                }
            }
        }

        return addresses;
    }

    /// <summary>Not asked again for a discovery interval: a gone instance's tasks are stopping and will be listed no more.</summary>
    private void Unresolved(string ecsCluster, string containerInstanceArn, DateTimeOffset now, string problem)
    {
        _unresolvedUntil[containerInstanceArn] = now + options.Value.DiscoveryInterval;
        if (_reported.TryAdd("instance\n" + containerInstanceArn, true))
        {
            LogContainerInstanceUnresolved(containerInstanceArn, ecsCluster, problem);
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (arn, known) in _addresses)
        {
            if (now - known.LastUsed > UnusedLifetime)
            {
                _addresses.TryRemove(arn, out _);
            }
        }

        foreach (var (arn, until) in _unresolvedUntil)
        {
            if (until <= now)
            {
                _unresolvedUntil.TryRemove(arn, out _);
            }
        }
    }

    private void ReportOnce(string ecsCluster, string taskArn, string problem)
    {
        if (_reported.TryAdd("task\n" + taskArn, true))
        {
            LogTaskNotReached(taskArn, ecsCluster, problem);
        }
    }

    private void ReportCallFailed(string operation, string ecsCluster, Exception error)
    {
        if (_reported.TryAdd($"call\n{operation}\n{ecsCluster}", true))
        {
            LogCallFailed(error, operation, ecsCluster);
        }
    }

    private void Succeeded(string operation, string ecsCluster) => _reported.TryRemove($"call\n{operation}\n{ecsCluster}", out _);

    private sealed record KnownAddress(string Address, DateTimeOffset LastUsed);

    [LoggerMessage(EventId = 940, Level = LogLevel.Warning, Message = "Notify: subscriber task {Task} in ECS cluster {EcsCluster} is not reached: {Problem}")]
    private partial void LogTaskNotReached(string task, string ecsCluster, string problem);

    [LoggerMessage(EventId = 941, Level = LogLevel.Warning, Message = "Notify: container instance {ContainerInstance} in ECS cluster {EcsCluster} has no address; its subscriber tasks are skipped for now: {Problem}")]
    private partial void LogContainerInstanceUnresolved(string containerInstance, string ecsCluster, string problem);

    [LoggerMessage(EventId = 942, Level = LogLevel.Warning, Message = "Notify: {Operation} failed for ECS cluster {EcsCluster}; events wait for its bridge/host subscriber tasks until it succeeds (logged once)")]
    private partial void LogCallFailed(Exception error, string operation, string ecsCluster);
}
