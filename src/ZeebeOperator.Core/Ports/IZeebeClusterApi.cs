using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Ports;

/// <summary>
/// Zeebe's cluster management API on a broker's management port (9600). <paramref name="broker"/> arguments are
/// the management base address of the broker to ask, e.g. <c>http://orders-broker-0.zeebe.internal:9600</c>.
/// Every method throws <see cref="ZeebeApiException"/> on failure.
/// </summary>
public interface IZeebeClusterApi
{
    /// <summary>GET /actuator/cluster.</summary>
    Task<ClusterTopology> GetTopologyAsync(Uri broker, CancellationToken cancellationToken);

    /// <summary>PATCH /actuator/cluster with <c>{"brokers":{"add":[...]}}</c> (and <c>?dryRun=true</c>).</summary>
    Task<ChangeAccepted> AddBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, bool dryRun, CancellationToken cancellationToken);

    /// <summary>PATCH /actuator/cluster with <c>{"brokers":{"remove":[...]}}</c> (and <c>?dryRun=true</c>).</summary>
    Task<ChangeAccepted> RemoveBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, bool dryRun, CancellationToken cancellationToken);

    /// <summary>GET /actuator/cluster/changes/{id}.</summary>
    Task<TopologyChange> GetChangeAsync(Uri broker, long changeId, CancellationToken cancellationToken);

    /// <summary>GET /actuator/health/{liveness|readiness|startup}: true on 200, false on 503.</summary>
    Task<bool> IsHealthyAsync(Uri broker, HealthProbe probe, CancellationToken cancellationToken);
}
