using System.Globalization;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Planning;

/// <summary>The gate of rolling restarts: one broker at a time, only when the whole cluster is healthy.</summary>
public static partial class Planner
{
    private static string? RollingGate(DesiredCluster desired, ObservedCluster observed, PlanningContext context)
    {
        if (!context.Window.IsOpen)
        {
            return context.Window.NextOpening is { } next
                ? $"held until the maintenance window opens at {next.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
                : "held: the maintenance window does not open again";
        }

        foreach (var node in desired.Nodes)
        {
            var observedNode = observed.Node(node.NodeId);
            if (!observedNode.IsRunning)
            {
                return $"waiting for node {node.NodeId} to run";
            }

            if (observedNode.Service.OwnedResource is { } service && (service.Deployments.Count > 1 || service.Deployments.Any(d => d.RolloutState == "IN_PROGRESS")))
            {
                return $"waiting for the deployment of node {node.NodeId} to finish";
            }

            if (observed.Zeebe.Readiness.TryGetValue(node.NodeId, out var readiness) && !readiness.IsUp)
            {
                return $"waiting for broker {node.NodeId} to report ready ({readiness.DescribeFailure()})";
            }
        }

        if (observed.Zeebe.Topology is not { } topology)
        {
            return $"waiting for the cluster API: {observed.Zeebe.Unavailable}";
        }

        if (topology.PendingChange is { Status: ChangeStatus.InProgress } pending)
        {
            return $"waiting for topology change #{pending.Id}";
        }

        if (topology.Brokers.FirstOrDefault(b => b.State.Kind != MemberStateKind.Active) is { } notActive)
        {
            return $"waiting for broker {notActive.Id} to be ACTIVE in the cluster (is {notActive.State})";
        }

        if (!topology.BrokerIds.ToHashSet().SetEquals(desired.NodeIds))
        {
            return "waiting for scaling to finish";
        }

        // A ready broker may still be catching up: the next restart waits until every partition is fully served again.
        if (observed.Zeebe.GatewayUnavailable is { } gatewayUnavailable)
        {
            return $"waiting for partition health: {gatewayUnavailable}";
        }

        var replicationFactor = desired.Bootstrap.ReplicationFactor;
        return observed.Zeebe.Gateway?.PartitionGap(desired.Bootstrap.PartitionCount, replicationFactor) is { } gap
            ? $"waiting until every partition has a leader and {replicationFactor} healthy replicas: {gap}"
            : null;
    }
}
