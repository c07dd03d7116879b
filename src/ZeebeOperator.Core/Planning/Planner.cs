using System.Globalization;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Planning;

/// <summary>
/// Compares desired and observed state and orders the steps that close the gap. Pure: no I/O, no clock.
/// Data safety rules live here: brokers restart one at a time, Zeebe confirms a removal before a broker
/// stops, and nothing that holds data is replaced or deleted unless the spec asks for it.
/// </summary>
public static partial class Planner
{
    private static readonly string PartitionCountPath = SpecPath.Of(d => d.Spec.PartitionCount);
    private static readonly string ReplicationFactorPath = SpecPath.Of(d => d.Spec.ReplicationFactor);
    private static readonly string NamespaceNamePath = SpecPath.Of(d => d.Spec.ServiceDiscovery.NamespaceName);
    private static readonly string FileSystemIdPath = SpecPath.Of(d => d.Spec.Storage.FileSystemId);

    public static ExecutionPlan Plan(DesiredCluster desired, ObservedCluster observed, PlanningContext context)
    {
        var transitionBlockers = TransitionBlockers(desired, observed).ToList();
        if (transitionBlockers.Count > 0)
        {
            return new ExecutionPlan(desired, [], [], null, transitionBlockers, [], [], null);
        }

        if (desired.Document.Metadata.DeletionRequested)
        {
            return PlanDeletion(desired, observed);
        }

        var blockers = new List<Blocker>();
        var waiting = new List<string>();
        var held = new List<HeldChange>();

        var restarts = desired.Nodes
            .Select(n => (Node: n, Change: SpecRestart(n, observed.Node(n.NodeId))))
            .Where(r => r.Change is not null)
            .ToList();
        int? restartNow = null;
        var takeBeforeUpgrade = false;
        if (restarts.Count > 0)
        {
            var gate = RollingGate(desired, observed, context);
            if (gate is null)
            {
                (takeBeforeUpgrade, gate) = BeforeUpgrade(desired, observed, context, blockers);
            }

            restartNow = gate is null ? restarts.Max(r => r.Node.NodeId) : null;
            held.AddRange(restarts
                .Where(r => r.Node.NodeId != restartNow)
                .Select(r => new HeldChange(r.Node.NodeId, r.Change!, gate ?? $"after node {restartNow} is back (one broker at a time, highest node ID first)")));
        }

        var nodes = desired.Nodes
            .Select(n => PlanNode(desired, observed, n, observed.Node(n.NodeId), context, allowSpecRestart: n.NodeId == restartNow, blockers))
            .ToList();

        var (membership, changeInProgress, removable) = PlanMembership(desired, observed, context, blockers, waiting);
        if (membership is not null && RunningBackup(observed, context) is { } backup)
        {
            waiting.Add($"{membership.Operation} waits for backup #{backup.Id} to finish (Zeebe refuses topology changes during a backup)");
            membership = null;
        }

        var topologyBusy = changeInProgress is { } busy ? $"topology change #{busy.Id} runs" : membership is not null ? $"{membership.Operation} goes first" : null;
        var backups = PlanBackups(desired, observed, context, takeBeforeUpgrade, topologyBusy);
        var excess = observed.Nodes.Where(n => !desired.NodeIds.Contains(n.NodeId) && n.Exists && !IsRetainedData(desired, n)).ToList();
        AddGatewayUpkeep(nodes, desired, observed, excess.Where(n => n.Service.OwnedResource is not null).Select(n => n.NodeId).ToHashSet(), blockers);
        var teardown = PlanTeardown(desired, observed, excess.Where(n => removable.Contains(n.NodeId)), ChangeReason.ScaleDown)
            .Concat(excess
                .Where(n => !removable.Contains(n.NodeId))
                .Select(n => new NodePlan(n.NodeId, StartOf(n), [], $"node {n.NodeId} stays until Zeebe confirms its removal")))
            .OrderByDescending(n => n.NodeId)
            .ToList();

        return new ExecutionPlan(desired, nodes, teardown, membership, blockers, waiting, held, changeInProgress, backups);
    }

    private static IEnumerable<Blocker> TransitionBlockers(DesiredCluster desired, ObservedCluster observed)
    {
        var spec = desired.Document.Spec;
        var running = desired.Bootstrap;
        var scalesPartitions = ImageVersion.ScalesPartitions(spec.Image);
        if (spec.ReplicationFactor != running.ReplicationFactor && !scalesPartitions)
        {
            yield return new Blocker(null, BlockerReason.TransitionRefused,
                $"{ReplicationFactorPath} cannot change from {running.ReplicationFactor} to {spec.ReplicationFactor} on a running cluster with image {spec.Image}: Zeebe changes the replication factor of a running cluster from {ImageVersion.FirstPartitionScalingVersion} on");
        }

        if (spec.PartitionCount > running.PartitionCount && !scalesPartitions)
        {
            yield return new Blocker(null, BlockerReason.TransitionRefused,
                $"{PartitionCountPath} cannot grow from {running.PartitionCount} to {spec.PartitionCount} with image {spec.Image}: Zeebe adds partitions to a running cluster from {ImageVersion.FirstPartitionScalingVersion} on");
        }

        if (spec.PartitionCount < running.PartitionCount)
        {
            yield return new Blocker(null, BlockerReason.TransitionRefused,
                $"{PartitionCountPath} can only grow: the cluster has {running.PartitionCount}, the spec asks for {spec.PartitionCount}");
        }

        if (spec.ServiceDiscovery.NamespaceName != running.NamespaceName)
        {
            yield return new Blocker(null, BlockerReason.TransitionRefused,
                $"{NamespaceNamePath} cannot change from {running.NamespaceName} to {spec.ServiceDiscovery.NamespaceName}: the brokers know each other by these names");
        }

        var fileSystems = observed.Nodes
            .SelectMany(n => n.CurrentTaskDefinition?.Definition.Volumes ?? [])
            .Select(v => v.Efs.FileSystemId)
            .Where(fs => fs != spec.Storage.FileSystemId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (fileSystems.Count > 0)
        {
            yield return new Blocker(null, BlockerReason.TransitionRefused,
                $"{FileSystemIdPath} cannot change from {string.Join(", ", fileSystems)} to {spec.Storage.FileSystemId}: the brokers' data lives there");
        }
    }
}
