using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Simulation.Notifications;

/// <summary>
/// <c>run --local</c>'s subscriber (<c>Local:Subscriber</c>, on by default): a labelled service
/// <see cref="ServiceName"/> deployed on the simulated ECS in each ECS cluster the specs use, found by the real
/// discovery, and logging every notification it takes, so a newcomer sees them arrive.
/// </summary>
public sealed partial class LocalSubscriber : ISubscriberDirectory
{
    public const string ServiceName = "local-subscriber";

    private readonly SimulatedAws _aws;
    private readonly ISubscriberDirectory _discovery;
    private readonly TimeSpan _taskStartDelay;
    private readonly ILogger<LocalSubscriber> _logger;
    private readonly ConcurrentDictionary<string, bool> _deployed = new(StringComparer.Ordinal);

    public LocalSubscriber(SimulatedAws aws, ISubscriberDirectory discovery, TimeSpan taskStartDelay, ILogger<LocalSubscriber> logger)
    {
        ArgumentNullException.ThrowIfNull(aws);
        (_aws, _discovery, _taskStartDelay, _logger) = (aws, discovery, taskStartDelay, logger);
        aws.Subscribers.Received += Log;
    }

    private void Log(ReceivedNotification received)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var brokers = string.Join(", ", received.Notification.Brokers.Select(b => $"{b.NodeId}={b.Address}"));
            LogReceived(received.Endpoint, received.Notification.Type, received.Notification.Cluster, received.Notification.Generation, received.IdempotencyKey, brokers);
        }
    }

    public async Task<IReadOnlyList<SubscriberTask>> SubscribersAsync(IReadOnlyList<string> ecsClusters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecsClusters);
        foreach (var cluster in ecsClusters.Where(c => _deployed.TryAdd(c, true)))
        {
            await SubscriberServices.DeployAsync(_aws.Ecs, cluster, ServiceName, taskCount: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
            LogDeployed(cluster);

            // Its task starts after the simulated start delay; the events waiting now are for it too.
            while (!_aws.Ecs.GetTasks(cluster, ServiceName).Any(t => t.LastStatus == EcsTaskStatus.Running))
            {
                await Task.Delay(_taskStartDelay / 4 + TimeSpan.FromMilliseconds(50), _aws.Time, cancellationToken).ConfigureAwait(false);
            }
        }

        return await _discovery.SubscribersAsync(ecsClusters, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 950, Level = LogLevel.Information, Message = "Local subscriber: service " + ServiceName + " deployed in ECS cluster {EcsCluster} (labels NOTIFY_ME_CONTAINER_PORT, NOTIFY_ME_API_URI)")]
    private partial void LogDeployed(string ecsCluster);

    [LoggerMessage(EventId = 951, Level = LogLevel.Information, Message = "Local subscriber {Endpoint} received {Type} for cluster {ClusterName} generation {Generation} (Idempotency-Key {EventId}); brokers {Brokers}")]
    private partial void LogReceived(string endpoint, string type, string clusterName, long generation, string eventId, string brokers);
}
