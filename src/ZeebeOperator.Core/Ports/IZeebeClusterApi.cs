using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Ports;

/// <summary>
/// Zeebe's cluster management API on a broker's management port (9600). <paramref name="broker"/> arguments are
/// the management base address of the broker to ask, e.g. <c>http://orders-broker-0.zeebe.internal:9600</c>.
/// Every method throws <see cref="ZeebeApiException"/> on failure. Zeebe forwards every cluster request (topology and
/// changes) to its coordinator, the lowest member ID: while that broker is down, the cluster API is down on every broker.
/// </summary>
public interface IZeebeClusterApi
{
    /// <summary>GET /actuator/cluster.</summary>
    [ZeebeOperation("GetTopology")]
    Task<ClusterTopology> GetTopologyAsync([Target] Uri broker, CancellationToken cancellationToken);

    /// <summary>PATCH /actuator/cluster with <c>{"brokers":{"add":[...]}}</c>.</summary>
    [ZeebeOperation("AddBrokers", Mutates = true)]
    Task<ChangeAccepted> AddBrokersAsync(Uri broker, [Target] IReadOnlyList<int> brokerIds, CancellationToken cancellationToken);

    /// <summary>PATCH /actuator/cluster with <c>{"brokers":{"remove":[...]}}</c>.</summary>
    [ZeebeOperation("RemoveBrokers", Mutates = true)]
    Task<ChangeAccepted> RemoveBrokersAsync(Uri broker, [Target] IReadOnlyList<int> brokerIds, CancellationToken cancellationToken);

    /// <summary>
    /// PATCH /actuator/cluster with <c>{"partitions":{"count":N,"replicationFactor":R}}</c> (Zeebe 8.8+, partitions only
    /// grow); with <paramref name="dryRun"/>, <c>?dryRun=true</c>: Zeebe plans the change without starting it.
    /// </summary>
    [ZeebeOperation("ScalePartitions", Mutates = true)]
    Task<ChangeAccepted> ScalePartitionsAsync(Uri broker, [Target] PartitionScaling scaling, [DryRun] bool dryRun, CancellationToken cancellationToken);

    /// <summary>
    /// GET /v2/topology of the broker's embedded gateway (REST, port 8080; <paramref name="gateway"/> is its base
    /// address): partition roles and health per broker. Answered by the gateway itself, not by the coordinator.
    /// </summary>
    [ZeebeOperation("GetGatewayTopology")]
    Task<GatewayTopology> GetGatewayTopologyAsync([Target] Uri gateway, CancellationToken cancellationToken);

    /// <summary>GET /actuator/health/{liveness|readiness|startup}: up on 200; on 503 not, with the checks that failed.</summary>
    [ZeebeOperation("GetHealth")]
    Task<HealthReport> CheckHealthAsync([Target] Uri broker, HealthProbe probe, CancellationToken cancellationToken);

    /// <summary>
    /// POST {endpoint} with <c>{"backupId":N}</c> (202): starts a backup of every partition. The id must be higher than
    /// every earlier backup's (409 otherwise, also while a topology or partition change runs); 400 when the brokers
    /// have no backup store configured.
    /// </summary>
    [ZeebeOperation("TakeBackup", Mutates = true)]
    Task TakeBackupAsync(Uri broker, BackupEndpoint endpoint, [Target] long backupId, CancellationToken cancellationToken);

    /// <summary>GET {endpoint}/{backupId}: the backup's state and its partitions' (404 when it does not exist).</summary>
    [ZeebeOperation("GetBackup")]
    Task<BackupInfo> GetBackupAsync(Uri broker, BackupEndpoint endpoint, [Target] long backupId, CancellationToken cancellationToken);

    /// <summary>GET {endpoint}: every backup, highest id first.</summary>
    [ZeebeOperation("ListBackups")]
    Task<IReadOnlyList<BackupInfo>> ListBackupsAsync([Target] Uri broker, BackupEndpoint endpoint, CancellationToken cancellationToken);

    /// <summary>DELETE {endpoint}/{backupId} (204).</summary>
    [ZeebeOperation("DeleteBackup", Mutates = true)]
    Task DeleteBackupAsync(Uri broker, BackupEndpoint endpoint, [Target] long backupId, CancellationToken cancellationToken);
}
