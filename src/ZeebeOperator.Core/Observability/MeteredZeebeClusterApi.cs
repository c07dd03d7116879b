using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Observability;

/// <summary>A health probe answering "not healthy" is a successful call; only failures to get an answer count as errors.</summary>
internal sealed class MeteredZeebeClusterApi(IZeebeClusterApi inner, OperatorMetrics metrics) : IZeebeClusterApi
{
    public Task<ClusterTopology> GetTopologyAsync(Uri broker, CancellationToken cancellationToken) =>
        metrics.ZeebeAsync("GetTopology", () => inner.GetTopologyAsync(broker, cancellationToken));

    public Task<ChangeAccepted> AddBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, bool dryRun, CancellationToken cancellationToken) =>
        metrics.ZeebeAsync("AddBrokers", () => inner.AddBrokersAsync(broker, brokerIds, dryRun, cancellationToken));

    public Task<ChangeAccepted> RemoveBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, bool dryRun, CancellationToken cancellationToken) =>
        metrics.ZeebeAsync("RemoveBrokers", () => inner.RemoveBrokersAsync(broker, brokerIds, dryRun, cancellationToken));

    public Task<TopologyChange> GetChangeAsync(Uri broker, long changeId, CancellationToken cancellationToken) =>
        metrics.ZeebeAsync("GetChange", () => inner.GetChangeAsync(broker, changeId, cancellationToken));

    public Task<bool> IsHealthyAsync(Uri broker, HealthProbe probe, CancellationToken cancellationToken) =>
        metrics.ZeebeAsync("GetHealth", () => inner.IsHealthyAsync(broker, probe, cancellationToken));
}
