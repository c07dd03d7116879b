using System.Globalization;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Ecs;

namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>
/// The simulated Zeebe cluster API as the operator meets it on AWS: a broker is up when its ECS task runs, and a
/// cluster forms the first time it is asked, from the bootstrap settings in its brokers' task definitions —
/// as real brokers form a cluster from their configuration.
/// </summary>
public sealed class EcsBackedZeebeCluster : IZeebeClusterApi
{
    private readonly SimulatedEcs _ecs;

    public EcsBackedZeebeCluster(TimeProvider timeProvider, SimulatedEcs ecs, SimulatedZeebeOptions options)
    {
        _ecs = ecs;
        Cluster = new SimulatedZeebeCluster(timeProvider, RunningBrokers, Microsoft.Extensions.Options.Options.Create(options));
    }

    /// <summary>The underlying simulation, for fault injection and inspection.</summary>
    public SimulatedZeebeCluster Cluster { get; }

    public Task<ClusterTopology> GetTopologyAsync(Uri broker, CancellationToken cancellationToken) =>
        Formed(broker).GetTopologyAsync(broker, cancellationToken);

    public Task<ChangeAccepted> AddBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, CancellationToken cancellationToken) =>
        Formed(broker).AddBrokersAsync(broker, brokerIds, dryRun: false, cancellationToken);

    public Task<ChangeAccepted> RemoveBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, CancellationToken cancellationToken) =>
        Formed(broker).RemoveBrokersAsync(broker, brokerIds, dryRun: false, cancellationToken);

    public Task<GatewayTopology> GetGatewayTopologyAsync(Uri gateway, CancellationToken cancellationToken) =>
        Formed(gateway).GetGatewayTopologyAsync(gateway, cancellationToken);

    public Task<HealthReport> CheckHealthAsync(Uri broker, HealthProbe probe, CancellationToken cancellationToken) =>
        Formed(broker).CheckHealthAsync(broker, probe, cancellationToken);

    private SimulatedZeebeCluster Formed(Uri broker)
    {
        if (ZeebeBrokerAddress.TryParse(broker, out var address) && Cluster.Inspect(address.ClusterName) is null)
        {
            var bootstrap = BrokersOf(address.ClusterName)
                .OrderBy(b => b.NodeId)
                .Select(b => BootstrapConfig.FromEnvironment(b.Task.Definition.Definition.ContainerDefinitions[0].Environment))
                .FirstOrDefault(b => b is not null);
            if (bootstrap is null)
            {
                throw new ZeebeApiException(ZeebeApiErrorKind.Unreachable, $"{broker.Host}: no broker of cluster {address.ClusterName} is running");
            }

            Cluster.EnsureCluster(address.ClusterName, bootstrap.ClusterSize, bootstrap.PartitionCount, bootstrap.ReplicationFactor);
        }

        return Cluster;
    }

    private HashSet<int> RunningBrokers(string clusterName) => BrokersOf(clusterName).Select(b => b.NodeId).ToHashSet();

    private IEnumerable<(int NodeId, RunningTask Task)> BrokersOf(string clusterName)
    {
        var prefix = $"{clusterName}-broker-";
        return _ecs.RunningTasks(prefix)
            .Where(t => t.ServiceName.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(t.ServiceName.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(t => (int.Parse(t.ServiceName.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture), t));
    }
}
