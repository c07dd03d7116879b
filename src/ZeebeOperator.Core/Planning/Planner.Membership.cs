using System.Globalization;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Planning;

/// <summary>Zeebe membership (scale up and down through the cluster API), removal of nodes, and deletion.</summary>
public static partial class Planner
{
    private static (MembershipChange? Change, TopologyChange? InProgress, IReadOnlySet<int> Removable) PlanMembership(
        DesiredCluster desired,
        ObservedCluster observed,
        PlanningContext context,
        List<Blocker> blockers,
        List<string> waiting)
    {
        var none = new HashSet<int>();
        var excess = observed.Nodes.Where(n => !desired.NodeIds.Contains(n.NodeId) && n.Exists && !IsRetainedData(desired, n)).Select(n => n.NodeId).ToList();
        if (observed.Zeebe.Topology is not { } topology)
        {
            if (excess.Count > 0 || desired.Nodes.Any(n => observed.Node(n.NodeId).IsRunning))
            {
                waiting.Add($"cluster API unavailable: {observed.Zeebe.Unavailable}");
            }

            return (null, null, none);
        }

        if (topology.PendingChange is { Status: ChangeStatus.InProgress } pending)
        {
            // Zeebe 8.8/8.9 do not say when a pending change started: the timeout counts from when the operator first
            // saw it running, which the status keeps across restarts and handovers.
            var since = context.Previous?.TopologyChange is { } seen && seen.Id == pending.Id ? seen.RunningSince : null;
            if (since is { } started && context.Now - started > context.ChangeTimeout)
            {
                blockers.Add(new Blocker(null, BlockerReason.TopologyChangeStuck,
                    $"topology change #{pending.Id} has been running since {started.UtcDateTime:u} (when the operator first saw it; {pending.PendingOperations.Count} operation(s) left); nothing is stopped or deleted until it completes"));
            }
            else
            {
                waiting.Add($"topology change #{pending.Id}: {pending.CompletedOperations} operation(s) done, {pending.PendingOperations.Count} to go");
            }

            return (null, pending, none);
        }

        var members = topology.Brokers.Where(b => b.State.Kind != MemberStateKind.Left).Select(b => b.Id).ToHashSet();
        var toAdd = desired.NodeIds.Where(id => !members.Contains(id)).Order().ToList();
        var toRemove = members.Where(id => !desired.NodeIds.Contains(id)).Order().ToList();

        var spec = desired.Document.Spec;
        var partitions = topology.Partitions;
        var wantedPartitions = new PartitionScaling(spec.PartitionCount, spec.ReplicationFactor);
        if (spec.PartitionCount < partitions.PartitionCount)
        {
            blockers.Add(new Blocker(null, BlockerReason.TransitionRefused,
                $"{PartitionCountPath} can only grow: the cluster has {partitions.PartitionCount}, the spec asks for {spec.PartitionCount}"));
            return (null, null, none);
        }

        // Before the first broker reports its partitions there is nothing to compare with.
        var partitionsDiffer = partitions.PartitionCount > 0 && partitions != wantedPartitions;
        if (topology.LastChange is { Status: ChangeStatus.Failed or ChangeStatus.Cancelled } last
            && (toAdd.Count > 0 || toRemove.Count > 0 || partitionsDiffer)
            && context.Previous?.TopologyChange is { } recorded
            && recorded.Id == last.Id
            && recorded.Generation == desired.Document.Metadata.Generation)
        {
            blockers.Add(new Blocker(null, BlockerReason.TopologyChangeFailed,
                $"Zeebe reports topology change #{last.Id} ({recorded.Operation}) {last.Status.ToString().ToUpperInvariant()}; nothing was stopped or deleted. Check the brokers, then change the spec (a new generation) to try again"));
            return (null, null, none);
        }

        var via = desired.Nodes.Select(n => observed.Node(n.NodeId)).FirstOrDefault(n => n.IsRunning && members.Contains(n.NodeId))?.NodeId;
        if (toAdd.Count > 0)
        {
            var notRunning = toAdd.Where(id => !observed.Node(id).IsRunning).ToList();
            if (notRunning.Count > 0 || via is null)
            {
                waiting.Add($"brokers {string.Join(",", notRunning)} must run before the cluster is asked to add them");
                return (null, null, none);
            }

            return (new MembershipChange(desired.Name, MembershipDirection.Add, toAdd, via.Value, PartitionsFollow(ChangeReason.ScaleUp, partitions, wantedPartitions, partitionsDiffer)), null, none);
        }

        if (toRemove.Count > 0)
        {
            // A leaving broker hands its partitions over itself: one with no ECS service (only retained data, say of
            // a deleted cluster whose data the new one recovered) could never complete its removal.
            var withoutService = toRemove.Where(id => observed.Nodes.FirstOrDefault(n => n.NodeId == id)?.Service.OwnedResource is null).ToList();
            if (withoutService.Count > 0)
            {
                blockers.Add(new Blocker(null, BlockerReason.RetainedMembers,
                    $"Zeebe lists brokers {string.Join(",", withoutService)} as cluster members (brokers recover the topology from their retained data), " +
                    $"but they have no ECS service and a broker must run to leave the cluster, so the operator does not ask Zeebe to remove them. " +
                    $"Set spec.clusterSize to {withoutService.Max() + 1} to start them again on their data, then scale down; or, to start afresh, " +
                    "delete the cluster with spec.storage.retention Delete and create it again with a new spec.storage.rootDirectory"));
                return (null, null, none);
            }

            if (via is null)
            {
                waiting.Add("no running member broker to ask for the removal");
                return (null, null, none);
            }

            return (new MembershipChange(desired.Name, MembershipDirection.Remove, toRemove, via.Value, PartitionsFollow(ChangeReason.ScaleDown, partitions, wantedPartitions, partitionsDiffer)), null, none);
        }

        var removable = excess.Where(id => !members.Contains(id)).ToHashSet();
        if (partitionsDiffer)
        {
            if (via is null)
            {
                waiting.Add($"no running member broker to ask for {wantedPartitions}");
                return (null, null, removable);
            }

            return (new MembershipChange(desired.Name, MembershipDirection.ScalePartitions, [.. members.Order()], via.Value,
                new ChangeReason.SpecChange(PartitionChanges(partitions, wantedPartitions)), wantedPartitions), null, removable);
        }

        return (null, null, removable);
    }

    /// <summary>
    /// Zeebe runs one change at a time: when the spec changes brokers and partitions together, the brokers go first
    /// (new partitions and replicas are then spread over every broker the spec asks for), and the step says so.
    /// </summary>
    private static ChangeReason PartitionsFollow(ChangeReason reason, PartitionScaling running, PartitionScaling wanted, bool partitionsDiffer) =>
        partitionsDiffer
            ? new ChangeReason.Because(reason, $"{PartitionChanges(running, wanted)} follows once Zeebe completes this change (brokers first, so the partitions spread over every broker)")
            : reason;

    private static string PartitionChanges(PartitionScaling running, PartitionScaling wanted) =>
        string.Join("; ", new[]
        {
            running.PartitionCount != wanted.PartitionCount ? $"{PartitionCountPath} {running.PartitionCount} -> {wanted.PartitionCount}" : null,
            running.ReplicationFactor != wanted.ReplicationFactor ? $"{ReplicationFactorPath} {running.ReplicationFactor} -> {wanted.ReplicationFactor}" : null,
        }.OfType<string>());

    /// <summary>
    /// A node beyond the spec whose only resource of ours is its access point, kept as <c>spec.storage.retention:
    /// Retain</c> says (the data of a node scaled down, or of a deleted cluster created again smaller): data, not a
    /// node to remove.
    /// </summary>
    internal static bool IsRetainedData(DesiredCluster desired, ObservedNode node) =>
        !desired.NodeIds.Contains(node.NodeId)
        && desired.Document.Spec.Storage.Retention == DataRetention.Retain
        && node.AccessPoint.Presence == Presence.Owned
        && node.Service.Presence != Presence.Owned
        && node.DiscoveryService.Presence != Presence.Owned;

    /// <summary>
    /// Removes the given nodes in three phases, each over all of them and highest node first: every ECS service
    /// (its broker stops), then, once no service of theirs is left, their Cloud Map services (nothing still
    /// registers there), then, once none of those is left, their access points, only when retention is Delete.
    /// One phase per pass: the next starts when observation shows the previous one done.
    /// </summary>
    private static List<NodePlan> PlanTeardown(DesiredCluster desired, ObservedCluster observed, IEnumerable<ObservedNode> going, ChangeReason reason)
    {
        var nodes = going.OrderByDescending(n => n.NodeId).ToList();
        var deleteData = desired.Document.Spec.Storage.Retention == DataRetention.Delete;
        var servicesLeft = nodes.Any(n => n.Service.OwnedResource is not null);
        var discoveryLeft = nodes.Any(n => n.DiscoveryService.OwnedResource is not null);
        return [.. nodes.Select(node =>
        {
            var actions = new List<NodeAction>();
            string? waitingFor = null;
            var discovery = node.DiscoveryService.OwnedResource;
            var accessPoint = deleteData ? node.AccessPoint.OwnedResource : null;
            if (servicesLeft)
            {
                switch (node.Service.OwnedResource)
                {
                    case { Status: EcsServiceStatus.Draining } draining:
                        waitingFor = $"ECS service {draining.ServiceName} is draining";
                        break;
                    case { } service:
                        if (LeaveGateway(desired, observed, node.NodeId, reason) is { } leave)
                        {
                            // The service goes once Cloud Map shows the broker out of the name (it deregisters asynchronously).
                            actions.Add(leave);
                            waitingFor = $"node {node.NodeId}: its ECS service goes once the broker has left {desired.Gateway.Name}";
                            break;
                        }

                        actions.Add(new DeleteServiceAction(node.NodeId, desired.EcsCluster, service.ServiceName, reason));
                        actions.Add(PruneAll(desired, node, reason));
                        break;
                    default:
                        // Its Cloud Map service or (retention Delete) access point is left: a node with neither is never torn down.
                        waitingFor = $"node {node.NodeId}: the rest goes once every ECS service of the removed nodes is gone";
                        break;
                }
            }
            else if (discoveryLeft)
            {
                if (discovery is not null)
                {
                    // Again before the Cloud Map service, which may take several passes: a failed try is repeated with it.
                    actions.Add(PruneAll(desired, node, reason));
                    actions.Add(new DeleteDiscoveryServiceAction(node.NodeId, discovery.Id, discovery.Name, reason));
                }
                else if (accessPoint is not null)
                {
                    waitingFor = $"node {node.NodeId}: its access point goes once every Cloud Map service of the removed nodes is gone";
                }
            }
            else if (accessPoint is not null)
            {
                actions.Add(new DeleteAccessPointAction(node.NodeId, accessPoint.AccessPointId, accessPoint.RootPath, new ChangeReason.Because(reason, "spec.storage.retention is Delete")));
            }

            return new NodePlan(node.NodeId, StartOf(node), actions, waitingFor);
        })];
    }

    /// <summary>
    /// The gateway goes with the cluster once no broker service is left (every instance left with its broker; one left
    /// behind is deregistered first), as the last step of the last node removed.
    /// </summary>
    private static void AddGatewayDeletion(List<NodePlan> teardown, DesiredCluster desired, ObservedCluster observed)
    {
        if (observed.Gateway is not { Service.OwnedResource: { } gateway } observedGateway || observed.Nodes.Any(n => n.Service.OwnedResource is not null))
        {
            return;
        }

        var last = teardown.LastOrDefault() ?? new NodePlan(0, new NodeContext(null, null, null, null), [], null);
        var actions = last.Actions.ToList();
        actions.AddRange(observedGateway.Instances.Select(i =>
            new DeregisterGatewayInstanceAction(last.NodeId, gateway.Id, desired.Gateway.Name, i.Id, ChangeReason.DeletionRequested)));
        actions.Add(new DeleteDiscoveryServiceAction(last.NodeId, gateway.Id, gateway.Name, ChangeReason.DeletionRequested));
        if (teardown.Count == 0)
        {
            teardown.Add(last with { Actions = actions });
        }
        else
        {
            teardown[^1] = last with { Actions = actions };
        }
    }

    /// <summary>Every revision of a removed node's family that carries its ownership tags.</summary>
    private static PruneTaskDefinitionsAction PruneAll(DesiredCluster desired, ObservedNode node, ChangeReason reason) =>
        new(node.NodeId, ResourceNames.Broker(desired.Name, node.NodeId), [], KeepNewest: false, reason);

    private static ExecutionPlan PlanDeletion(DesiredCluster desired, ObservedCluster observed)
    {
        var teardown = PlanTeardown(
            desired,
            observed,
            observed.Nodes.Where(n => n.Service.Presence == Presence.Owned || n.DiscoveryService.Presence == Presence.Owned
                || (n.AccessPoint.Presence == Presence.Owned && desired.Document.Spec.Storage.Retention == DataRetention.Delete)),
            ChangeReason.DeletionRequested);
        AddGatewayDeletion(teardown, desired, observed);
        return new ExecutionPlan(desired, [], teardown, null, [], [], [], null);
    }
}
