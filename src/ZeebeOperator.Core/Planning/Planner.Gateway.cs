using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Planning;

/// <summary>
/// The gateway Cloud Map name: the operator is its endpoints controller. A broker is in it exactly while its task
/// runs, it reports ready, and nothing is about to restart or stop it; it leaves before its service is updated or
/// deleted (the step before, in the same node's ordered steps).
/// </summary>
public static partial class Planner
{
    /// <summary>
    /// How long a RegisterInstance or DeregisterInstance of the operator's may take to show in ListInstances (Cloud Map
    /// applies them asynchronously, within seconds): until then the node waits instead of asking again or calling
    /// the difference drift.
    /// </summary>
    public static readonly TimeSpan CloudMapOperationGrace = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Adds the node's gateway membership to its steps: out first when it is not (or will not stay) running and ready,
    /// in last once it is. Nothing while the gateway is not observed as ours.
    /// </summary>
    /// <returns>Why the node waits before it joins the gateway name, if it does.</returns>
    private static string? AddGatewayMembership(List<NodeAction> actions, DesiredCluster desired, ObservedCluster cluster, DesiredNode node, ObservedNode observed, NodeStatus? before, DateTimeOffset now)
    {
        if (cluster.Gateway is not { Service.OwnedResource: { } gateway } observedGateway)
        {
            return null;
        }

        var registered = observedGateway.InstanceOf(node.NodeId);
        var restarts = actions.Any(a => a is UpdateServiceAction { RestartsBroker: true });
        var address = observed.Task?.PrivateIpv4Address;
        var ready = observed.IsRunning && address is not null && cluster.Zeebe.Readiness.GetValueOrDefault(node.NodeId)?.IsUp == true;
        var instanceId = ObservedGateway.InstanceIdOf(node.NodeId);

        // Cloud Map registers and deregisters asynchronously: what the operator asked for may not show yet.
        if (before is not null && before.GatewayRequestPending(observed.Task?.TaskArn, now, CloudMapOperationGrace) && before.InGateway == (registered is null))
        {
            actions.RemoveAll(a => a is UpdateServiceAction { RestartsBroker: true });
            return $"Cloud Map is still {(before.InGateway ? "registering" : "deregistering")} {instanceId} in {desired.Gateway.Name} (asked at {before.GatewayRequestedAt!.Value.UtcDateTime:HH:mm:ss} UTC)";
        }

        if (registered is not null && (restarts || !ready))
        {
            var why = restarts ? "the broker restarts next" : observed.IsRunning ? "the broker is not ready" : "the broker is not running";
            actions.Insert(0, new DeregisterGatewayInstanceAction(node.NodeId, gateway.Id, desired.Gateway.Name, registered.Id, new ChangeReason.SpecChange(why)));

            // The restart waits until Cloud Map shows the broker out of the name: clients must not resolve a stopping broker.
            return actions.RemoveAll(a => a is UpdateServiceAction { RestartsBroker: true }) > 0
                ? $"broker {node.NodeId} restarts once it has left {desired.Gateway.Name}"
                : null;
        }

        if (ready && !restarts && registered?.Ipv4 != address)
        {
            var deregisteredByHand = registered is null && before is { InGateway: true } && before.RunningTaskArn == observed.Task!.TaskArn;
            ChangeReason why = deregisteredByHand
                ? new ChangeReason.Drift($"instance {ObservedGateway.InstanceIdOf(node.NodeId)} was deregistered out of band")
                : new ChangeReason.SpecChange(registered is null ? "the broker runs and is ready" : $"the broker's address changed from {registered.Ipv4}");
            actions.Add(new RegisterGatewayInstanceAction(node.NodeId, gateway.Id, desired.Gateway.Name, address!, why));
        }

        return observed.IsRunning && !ready && registered is null ? $"broker {node.NodeId} must report ready before it joins {desired.Gateway.Name}" : null;
    }

    /// <summary>
    /// The gateway service itself and instances no broker accounts for (registered by hand, or of nodes already gone),
    /// carried by the lowest node's plan; a gateway with the name but not our tags blocks nothing but itself.
    /// </summary>
    private static void AddGatewayUpkeep(List<NodePlan> nodes, DesiredCluster desired, ObservedCluster observed, IReadOnlySet<int> nodesWithService, List<Blocker> blockers)
    {
        if (observed.Gateway is not { } gateway || nodes.Count == 0)
        {
            return;
        }

        var carrier = nodes.MinBy(n => n.NodeId)!;
        var actions = carrier.Actions.ToList();
        switch (gateway.Service)
        {
            case { Presence: Presence.Absent }:
                actions.Add(new CreateGatewayServiceAction(carrier.NodeId, desired.Gateway, ChangeReason.Missing));
                break;
            case { Presence: Presence.Foreign, Resource: { } foreign }:
                blockers.Add(new Blocker(null, BlockerReason.OwnershipConflict,
                    $"Cloud Map service {foreign.Name} ({foreign.Id}) is the gateway name but lacks the operator's ownership tags; it is left untouched and no broker is registered in it"));
                break;
            case { OwnedResource: { } service } owned:
                var accounted = desired.NodeIds.Concat(nodesWithService).Select(ObservedGateway.InstanceIdOf).ToHashSet(StringComparer.Ordinal);
                actions.AddRange(gateway.Instances
                    .Where(i => !accounted.Contains(i.Id))
                    .Select(i => new DeregisterGatewayInstanceAction(carrier.NodeId, service.Id, desired.Gateway.Name, i.Id,
                        new ChangeReason.Drift($"instance {i.Id} ({i.Ipv4}) is no broker of the cluster"))));
                if (owned.TagsRead)
                {
                    AddTagging(actions, carrier.NodeId, TaggedResourceKind.DiscoveryService, service.Arn, desired.Gateway.Tags, owned.Tags);
                }

                break;
        }

        nodes[nodes.IndexOf(carrier)] = carrier with { Actions = actions };
    }

    /// <summary>A node that goes leaves the gateway name before its service is deleted.</summary>
    private static DeregisterGatewayInstanceAction? LeaveGateway(DesiredCluster desired, ObservedCluster observed, int nodeId, ChangeReason reason) =>
        observed.Gateway is { Service.OwnedResource: { } gateway } observedGateway && observedGateway.InstanceOf(nodeId) is { } instance
            ? new DeregisterGatewayInstanceAction(nodeId, gateway.Id, desired.Gateway.Name, instance.Id, reason)
            : null;
}
