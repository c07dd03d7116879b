using System.Globalization;
using ZeebeOperator.Core.Desired;
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
        var excess = observed.Nodes.Where(n => !desired.NodeIds.Contains(n.NodeId) && n.Exists).Select(n => n.NodeId).ToList();
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
            if (pending.StartedAt is { } started && context.Now - started > context.ChangeTimeout)
            {
                blockers.Add(new Blocker(null, BlockerReason.TopologyChangeStuck,
                    $"topology change #{pending.Id} has run since {started.UtcDateTime:u} ({pending.PendingOperations.Count} operation(s) left); nothing is stopped or deleted until it completes"));
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

        if (topology.LastChange is { Status: ChangeStatus.Failed or ChangeStatus.Cancelled } last
            && (toAdd.Count > 0 || toRemove.Count > 0)
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

            return (new MembershipChange(desired.Name, MembershipDirection.Add, toAdd, via.Value), null, none);
        }

        if (toRemove.Count > 0)
        {
            if (via is null)
            {
                waiting.Add("no running member broker to ask for the removal");
                return (null, null, none);
            }

            return (new MembershipChange(desired.Name, MembershipDirection.Remove, toRemove, via.Value), null, none);
        }

        return (null, null, excess.Where(id => !members.Contains(id)).ToHashSet());
    }

    private static NodePlan PlanTeardown(DesiredCluster desired, ObservedNode node, ChangeReason reason)
    {
        var actions = new List<NodeAction>();
        string? waitingFor = null;
        switch (node.Service.OwnedResource)
        {
            case { Status: EcsServiceStatus.Draining } draining:
                waitingFor = $"ECS service {draining.ServiceName} is draining";
                break;
            case { } service:
                actions.Add(new DeleteServiceAction(node.NodeId, desired.EcsCluster, service.ServiceName, reason));
                break;
        }

        if (node.Service.OwnedResource is not null || node.DiscoveryService.OwnedResource is not null)
        {
            // Before the Cloud Map service, which may take several passes: a failed try is repeated with it.
            actions.Add(new PruneTaskDefinitionsAction(node.NodeId, ResourceNames.Broker(desired.Name, node.NodeId), [], KeepNewest: false, reason));
        }

        if (node.DiscoveryService.OwnedResource is { } discovery)
        {
            actions.Add(new DeleteDiscoveryServiceAction(node.NodeId, discovery.Id, discovery.Name, reason));
        }

        if (desired.Document.Spec.Storage.Retention == DataRetention.Delete && node.AccessPoint.OwnedResource is { } accessPoint)
        {
            actions.Add(new DeleteAccessPointAction(node.NodeId, accessPoint.AccessPointId, accessPoint.RootPath, new ChangeReason.Because(reason, "spec.storage.retention is Delete")));
        }

        return new NodePlan(node.NodeId, StartOf(node), actions, waitingFor);
    }

    private static ReconcilePlan PlanDeletion(DesiredCluster desired, ObservedCluster observed)
    {
        var teardown = observed.Nodes
            .Where(n => n.Service.Presence == Presence.Owned || n.DiscoveryService.Presence == Presence.Owned
                || (n.AccessPoint.Presence == Presence.Owned && desired.Document.Spec.Storage.Retention == DataRetention.Delete))
            .OrderByDescending(n => n.NodeId)
            .Select(n => PlanTeardown(desired, n, ChangeReason.DeletionRequested))
            .ToList();
        return new ReconcilePlan(desired, [], teardown, null, [], [], [], null);
    }
}
