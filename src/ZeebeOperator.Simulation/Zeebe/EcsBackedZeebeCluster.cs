using System.Globalization;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;
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

    public Task<ChangeAccepted> ScalePartitionsAsync(Uri broker, PartitionScaling scaling, bool dryRun, CancellationToken cancellationToken) =>
        Formed(broker).ScalePartitionsAsync(broker, scaling, dryRun, cancellationToken);

    public Task<GatewayTopology> GetGatewayTopologyAsync(Uri gateway, CancellationToken cancellationToken) =>
        Formed(gateway).GetGatewayTopologyAsync(gateway, cancellationToken);

    public Task<HealthReport> CheckHealthAsync(Uri broker, HealthProbe probe, CancellationToken cancellationToken) =>
        Formed(broker).CheckHealthAsync(broker, probe, cancellationToken);

    public Task TakeBackupAsync(Uri broker, BackupEndpoint endpoint, long backupId, CancellationToken cancellationToken) =>
        WithBackupConfiguration(broker).TakeBackupAsync(broker, endpoint, backupId, cancellationToken);

    public Task<BackupInfo> GetBackupAsync(Uri broker, BackupEndpoint endpoint, long backupId, CancellationToken cancellationToken) =>
        WithBackupConfiguration(broker).GetBackupAsync(broker, endpoint, backupId, cancellationToken);

    public Task<IReadOnlyList<BackupInfo>> ListBackupsAsync(Uri broker, BackupEndpoint endpoint, CancellationToken cancellationToken) =>
        WithBackupConfiguration(broker).ListBackupsAsync(broker, endpoint, cancellationToken);

    public Task DeleteBackupAsync(Uri broker, BackupEndpoint endpoint, long backupId, CancellationToken cancellationToken) =>
        WithBackupConfiguration(broker).DeleteBackupAsync(broker, endpoint, backupId, cancellationToken);

    /// <summary>
    /// The brokers serve the backup API on their image's path, and take backups only when every running broker's
    /// configuration names an S3 store (Zeebe needs the same store on every broker).
    /// </summary>
    private SimulatedZeebeCluster WithBackupConfiguration(Uri broker)
    {
        var cluster = Formed(broker);
        if (ZeebeBrokerAddress.TryParse(broker, out var address) && BrokersOf(address.ClusterName).Select(b => b.Task.Definition.Definition.ContainerDefinitions[0]).ToList() is { Count: > 0 } containers)
        {
            cluster.ConfigureBackups(
                address.ClusterName,
                BackupEndpoints.For(containers[0].Image),
                containers.All(c => BackupStoreEnvironment.Configures(c.Environment, c.Image)));
        }

        return cluster;
    }

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
