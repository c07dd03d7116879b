using System.Globalization;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Planning;

/// <summary>
/// Compares desired and observed state and orders the steps that close the gap. Pure: no I/O, no clock.
/// Data safety rules live here: brokers restart one at a time, Zeebe confirms a removal before a broker
/// stops, and nothing that holds data is replaced or deleted unless the spec asks for it.
/// </summary>
public static class Planner
{
    public static ReconcilePlan Plan(DesiredCluster desired, ObservedCluster observed, PlanningContext context)
    {
        var transitionBlockers = TransitionBlockers(desired, observed).ToList();
        if (transitionBlockers.Count > 0)
        {
            return new ReconcilePlan(desired, [], [], null, transitionBlockers, [], [], null);
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
        if (restarts.Count > 0)
        {
            var gate = RollingGate(desired, observed, context);
            restartNow = gate is null ? restarts.Max(r => r.Node.NodeId) : null;
            held.AddRange(restarts
                .Where(r => r.Node.NodeId != restartNow)
                .Select(r => new HeldChange(r.Node.NodeId, r.Change!, gate ?? $"after node {restartNow} is back (one broker at a time, highest node ID first)")));
        }

        if (desired.Document.Spec.PartitionCount > desired.Bootstrap.PartitionCount)
        {
            waiting.Add($"spec.partitionCount {desired.Document.Spec.PartitionCount} is above the cluster's {desired.Bootstrap.PartitionCount}: growing partitions needs Zeebe's partition scaling, which the operator does not drive yet");
        }

        var nodes = desired.Nodes
            .Select(n => PlanNode(desired, n, observed.Node(n.NodeId), context, allowSpecRestart: n.NodeId == restartNow, blockers))
            .ToList();

        var (membership, changeInProgress, removable) = PlanMembership(desired, observed, context, blockers, waiting);
        var teardown = observed.Nodes
            .Where(n => !desired.NodeIds.Contains(n.NodeId) && n.Exists)
            .OrderByDescending(n => n.NodeId)
            .Select(n => removable.Contains(n.NodeId)
                ? PlanTeardown(desired, n, "ScaleDown")
                : new NodePlan(n.NodeId, StartOf(n), [], $"node {n.NodeId} stays until Zeebe confirms its removal"))
            .ToList();

        return new ReconcilePlan(desired, nodes, teardown, membership, blockers, waiting, held, changeInProgress);
    }

    /// <summary>Whether any node waits for a restarting change: the observer then asks every broker for readiness.</summary>
    public static bool HasPendingRestarts(DesiredCluster desired, ObservedCluster observed) =>
        desired.Nodes.Any(n => observed.Nodes.Any(o => o.NodeId == n.NodeId) && SpecRestart(n, observed.Node(n.NodeId)) is not null);

    private static IEnumerable<Blocker> TransitionBlockers(DesiredCluster desired, ObservedCluster observed)
    {
        var spec = desired.Document.Spec;
        var running = desired.Bootstrap;
        if (spec.ReplicationFactor != running.ReplicationFactor)
        {
            yield return new Blocker(null, "TransitionRefused",
                $"spec.replicationFactor cannot change from {running.ReplicationFactor} to {spec.ReplicationFactor} on a running cluster");
        }

        if (spec.PartitionCount < running.PartitionCount)
        {
            yield return new Blocker(null, "TransitionRefused",
                $"spec.partitionCount can only grow: the cluster has {running.PartitionCount}, the spec asks for {spec.PartitionCount}");
        }

        if (spec.ServiceDiscovery.NamespaceName != running.NamespaceName)
        {
            yield return new Blocker(null, "TransitionRefused",
                $"spec.serviceDiscovery.namespaceName cannot change from {running.NamespaceName} to {spec.ServiceDiscovery.NamespaceName}: the brokers know each other by these names");
        }

        var fileSystems = observed.Nodes
            .SelectMany(n => n.CurrentTaskDefinition?.Definition.Volumes ?? [])
            .Select(v => v.Efs.FileSystemId)
            .Where(fs => fs != spec.Storage.FileSystemId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (fileSystems.Count > 0)
        {
            yield return new Blocker(null, "TransitionRefused",
                $"spec.storage.fileSystemId cannot change from {string.Join(", ", fileSystems)} to {spec.Storage.FileSystemId}: the brokers' data lives there");
        }
    }

    private static NodePlan PlanNode(DesiredCluster desired, DesiredNode node, ObservedNode observed, PlanningContext context, bool allowSpecRestart, List<Blocker> blockers)
    {
        var start = StartOf(observed);
        var nodeBlockers = NodeBlockers(node, observed).ToList();
        if (nodeBlockers.Count > 0)
        {
            blockers.AddRange(nodeBlockers);
            return new NodePlan(node.NodeId, start, [], WaitingFor: null);
        }

        var generation = desired.Document.Metadata.Generation.ToString(CultureInfo.InvariantCulture);
        var token = (string kind) => StableHash.Token(desired.Name, node.NodeId.ToString(CultureInfo.InvariantCulture), kind, generation);
        var before = context.Previous?.Nodes.FirstOrDefault(n => n.NodeId == node.NodeId);
        var actions = new List<NodeAction>();

        if (observed.AccessPoint.OwnedResource is not { } accessPoint)
        {
            var why = before?.AccessPointId is { } lost ? $"Drift: access point {lost} was deleted out of band (the data directory stays on the file system)" : "Missing";
            actions.Add(new CreateAccessPointAction(node.NodeId, node.AccessPoint.ToRequest(token("efs-access-point")), why));
        }
        else
        {
            AddTagging(actions, node.NodeId, TaggedResourceKind.AccessPoint, accessPoint.AccessPointId, node.AccessPoint.Tags, observed.AccessPoint.Tags);
        }

        if (observed.DiscoveryService.OwnedResource is not { } discovery)
        {
            var why = before?.DiscoveryServiceId is { } lost ? $"Drift: Cloud Map service {lost} was deleted out of band" : "Missing";
            actions.Add(new CreateDiscoveryServiceAction(node.NodeId, node.DiscoveryService.ToRequest(token("cloudmap-service")), why));
        }
        else
        {
            AddTagging(actions, node.NodeId, TaggedResourceKind.DiscoveryService, discovery.Arn, node.DiscoveryService.Tags, observed.DiscoveryService.Tags);
        }

        var definitionChange = TaskDefinitionChange(node, observed);
        var registers = definitionChange is not null && (allowSpecRestart || SpecRestart(node, observed) is null);
        if (registers)
        {
            actions.Add(new RegisterTaskDefinitionAction(node.NodeId, node.BrokerName, node.TaskDefinition, definitionChange!));
        }

        string? waitingFor = null;
        switch (observed.Service.Resource)
        {
            case null:
                var why = before?.ServiceName is not null ? "Drift: ECS service was deleted out of band" : "Missing";
                actions.Add(new CreateServiceAction(node.NodeId, node.Service, token("ecs-service"), why));
                break;
            case { Status: EcsServiceStatus.Draining } draining:
                waitingFor = $"ECS service {draining.ServiceName} is draining";
                break;
            case var service:
                AddServiceUpdate(actions, node, service, observed, registers);
                AddTagging(actions, node.NodeId, TaggedResourceKind.EcsService, service.ServiceArn, node.Service.Tags, observed.Service.Tags);
                break;
        }

        return new NodePlan(node.NodeId, start, actions, waitingFor);
    }

    private static NodeContext StartOf(ObservedNode observed) => new(
        observed.AccessPoint.OwnedResource?.AccessPointId,
        observed.DiscoveryService.OwnedResource?.Arn,
        observed.Service.OwnedResource?.TaskDefinition,
        observed.Service.OwnedResource?.ServiceArn);

    private static IEnumerable<Blocker> NodeBlockers(DesiredNode node, ObservedNode observed)
    {
        if (observed.AccessPoint is { Presence: Presence.Foreign, Resource: { } foreignAccessPoint })
        {
            yield return new Blocker(node.NodeId, "OwnershipConflict",
                $"EFS access point {foreignAccessPoint.AccessPointId} ({foreignAccessPoint.RootPath}) has this node's name or directory but not the operator's ownership tags; it is left untouched");
        }

        if (observed.DiscoveryService is { Presence: Presence.Foreign, Resource: { } foreignDiscovery })
        {
            yield return new Blocker(node.NodeId, "OwnershipConflict",
                $"Cloud Map service {foreignDiscovery.Name} ({foreignDiscovery.Id}) exists without the operator's ownership tags; it is left untouched");
        }

        if (observed.Service is { Presence: Presence.Foreign, Resource: { } foreignService })
        {
            yield return new Blocker(node.NodeId, "OwnershipConflict",
                $"ECS service {foreignService.ServiceName} exists without the operator's ownership tags; it is left untouched");
        }

        if (observed.AccessPoint.OwnedResource is { } accessPoint
            && (accessPoint.RootPath != node.AccessPoint.RootPath || accessPoint.FileSystemId != node.AccessPoint.FileSystemId))
        {
            yield return new Blocker(node.NodeId, "StorageChangeRefused",
                $"access point {accessPoint.AccessPointId} holds this node's data at {accessPoint.FileSystemId}:{accessPoint.RootPath}, the spec asks for {node.AccessPoint.FileSystemId}:{node.AccessPoint.RootPath}; the operator does not move broker data");
        }

        if (observed.Service.OwnedResource is { } service && node.Service.LaunchType is { } launchType && service.LaunchType is { } current && current != launchType)
        {
            yield return new Blocker(node.NodeId, "LaunchTypeChangeRefused",
                $"ECS service {service.ServiceName} runs on {current}, the spec asks for {launchType}; ECS cannot change a service's launch type in place");
        }
    }

    /// <summary>Why a new revision is needed, or null when the service's current one has the desired content.</summary>
    private static string? TaskDefinitionChange(DesiredNode node, ObservedNode observed)
    {
        if (observed.AccessPoint.OwnedResource is not { } accessPoint)
        {
            return observed.CurrentTaskDefinition is null ? "Missing" : "Drift: new access point";
        }

        var desired = node.TaskDefinition.For(accessPoint.AccessPointId);
        var current = observed.CurrentTaskDefinition;
        if (current is null)
        {
            return observed.Service.OwnedResource is null ? "Missing" : "Drift: the service's task definition is gone";
        }

        if (current.Definition.Tags.GetValueOrDefault(TagKeys.ConfigHash) == desired.Tags[TagKeys.ConfigHash])
        {
            return null;
        }

        return IsOurRevision(node, current) ? DescribeChange(current.Definition, desired) : $"Drift: task definition replaced by {current.Arn}";
    }

    /// <summary>
    /// A spec change to a running broker (ours, older content): it restarts the broker, so it waits its turn.
    /// Repairs of out-of-band changes and first deployments are not held.
    /// </summary>
    private static string? SpecRestart(DesiredNode node, ObservedNode observed) =>
        observed.Service.OwnedResource is not null
        && observed.CurrentTaskDefinition is { } current
        && IsOurRevision(node, current)
        && TaskDefinitionChange(node, observed) is { } change
        && !change.StartsWith("Drift", StringComparison.Ordinal)
            ? change
            : null;

    private static bool IsOurRevision(DesiredNode node, TaskDefinition definition) =>
        definition.Family == node.BrokerName
        && definition.Definition.Tags.ContainsKey(TagKeys.ConfigHash)
        && definition.Definition.Tags.GetValueOrDefault(TagKeys.ManagedBy) == TagKeys.ManagedByValue;

    /// <summary>Null when the next broker may restart; otherwise what it waits for.</summary>
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

            if (observed.Zeebe.Readiness.TryGetValue(node.NodeId, out var ready) && !ready)
            {
                return $"waiting for broker {node.NodeId} to report ready";
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

        if (topology.Brokers.FirstOrDefault(b => b.State != "ACTIVE") is { } notActive)
        {
            return $"waiting for broker {notActive.Id} to be ACTIVE in the cluster (is {notActive.State})";
        }

        return topology.BrokerIds.ToHashSet().SetEquals(desired.NodeIds) ? null : "waiting for scaling to finish";
    }

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
                blockers.Add(new Blocker(null, "TopologyChangeStuck",
                    $"topology change #{pending.Id} has run since {started.UtcDateTime:u} ({pending.PendingOperations.Count} operation(s) left); nothing is stopped or deleted until it completes"));
            }
            else
            {
                waiting.Add($"topology change #{pending.Id}: {pending.CompletedOperations} operation(s) done, {pending.PendingOperations.Count} to go");
            }

            return (null, pending, none);
        }

        var members = topology.Brokers.Where(b => b.State != "LEFT").Select(b => b.Id).ToHashSet();
        var toAdd = desired.NodeIds.Where(id => !members.Contains(id)).Order().ToList();
        var toRemove = members.Where(id => !desired.NodeIds.Contains(id)).Order().ToList();

        if (topology.LastChange is { Status: ChangeStatus.Failed or ChangeStatus.Cancelled } last
            && (toAdd.Count > 0 || toRemove.Count > 0)
            && context.Previous?.TopologyChange is { } recorded
            && recorded.Id == last.Id
            && recorded.Generation == desired.Document.Metadata.Generation)
        {
            blockers.Add(new Blocker(null, "TopologyChangeFailed",
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

            return (new MembershipChange(MembershipDirection.Add, toAdd, via.Value), null, none);
        }

        if (toRemove.Count > 0)
        {
            if (via is null)
            {
                waiting.Add("no running member broker to ask for the removal");
                return (null, null, none);
            }

            return (new MembershipChange(MembershipDirection.Remove, toRemove, via.Value), null, none);
        }

        return (null, null, excess.Where(id => !members.Contains(id)).ToHashSet());
    }

    private static NodePlan PlanTeardown(DesiredCluster desired, ObservedNode node, string reason)
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

        if (node.DiscoveryService.OwnedResource is { } discovery)
        {
            actions.Add(new DeleteDiscoveryServiceAction(node.NodeId, discovery.Id, discovery.Name, reason));
        }

        if (desired.Document.Spec.Storage.Retention == DataRetention.Delete && node.AccessPoint.OwnedResource is { } accessPoint)
        {
            actions.Add(new DeleteAccessPointAction(node.NodeId, accessPoint.AccessPointId, accessPoint.RootPath, $"{reason}; spec.storage.retention is Delete"));
        }

        return new NodePlan(node.NodeId, StartOf(node), actions, waitingFor);
    }

    private static ReconcilePlan PlanDeletion(DesiredCluster desired, ObservedCluster observed)
    {
        var teardown = observed.Nodes
            .Where(n => n.Service.Presence == Presence.Owned || n.DiscoveryService.Presence == Presence.Owned
                || (n.AccessPoint.Presence == Presence.Owned && desired.Document.Spec.Storage.Retention == DataRetention.Delete))
            .OrderByDescending(n => n.NodeId)
            .Select(n => PlanTeardown(desired, n, "DeletionRequested"))
            .ToList();
        return new ReconcilePlan(desired, [], teardown, null, [], [], [], null);
    }

    private static string DescribeChange(TaskDefinitionRequest current, TaskDefinitionRequest desired)
    {
        var changes = new List<string>();
        var currentContainer = current.ContainerDefinitions.FirstOrDefault(c => c.Name == ResourceNames.ContainerName);
        var desiredContainer = desired.ContainerDefinitions[0];
        if (currentContainer is null)
        {
            return "ContainerMissing";
        }

        if (currentContainer.Image != desiredContainer.Image)
        {
            changes.Add($"image {currentContainer.Image} -> {desiredContainer.Image}");
        }

        if (current.Cpu != desired.Cpu || current.Memory != desired.Memory)
        {
            changes.Add($"cpu/memory {current.Cpu}/{current.Memory} -> {desired.Cpu}/{desired.Memory}");
        }

        var before = currentContainer.Environment.ToHashSet();
        var after = desiredContainer.Environment.ToHashSet();
        var changedVariables = before.Except(after).Concat(after.Except(before))
            .Select(e => e.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (changedVariables.Count > 0)
        {
            changes.Add($"environment {string.Join(", ", changedVariables)}");
        }

        return changes.Count > 0 ? string.Join("; ", changes) : "DefinitionChanged";
    }

    private static void AddServiceUpdate(List<NodeAction> actions, DesiredNode node, EcsService service, ObservedNode observed, bool registersTaskDefinition)
    {
        var desired = node.Service;
        var changes = new List<string>();
        if (registersTaskDefinition)
        {
            changes.Add("task definition");
        }

        int? desiredCount = service.DesiredCount != desired.DesiredCount ? desired.DesiredCount : null;
        if (desiredCount is not null)
        {
            changes.Add($"Drift: desired count {service.DesiredCount} -> {desired.DesiredCount}");
        }

        var deployment = service.DeploymentConfiguration != desired.DeploymentConfiguration ? desired.DeploymentConfiguration : null;
        if (deployment is not null)
        {
            changes.Add("deployment configuration");
        }

        var network = SameNetwork(service.NetworkConfiguration, desired.NetworkConfiguration) ? null : desired.NetworkConfiguration;
        if (network is not null)
        {
            changes.Add("network configuration");
        }

        var capacity = desired.CapacityProviderStrategy.Count > 0 && !service.CapacityProviderStrategy.SequenceEqual(desired.CapacityProviderStrategy)
            ? desired.CapacityProviderStrategy
            : null;
        if (capacity is not null)
        {
            changes.Add("capacity provider strategy");
        }

        var registryArn = observed.DiscoveryService.OwnedResource?.Arn;
        var registryChanges = registryArn is null || !service.ServiceRegistries.Any(r => r.RegistryArn == registryArn);
        if (registryChanges)
        {
            changes.Add(registryArn is null ? "Drift: service registry (Cloud Map service recreated)" : "service registry");
        }

        if (changes.Count == 0)
        {
            return;
        }

        var request = new UpdateServiceRequest(
            desired.Cluster,
            desired.ServiceName,
            TaskDefinition: null,
            desiredCount,
            network,
            deployment,
            capacity);
        actions.Add(new UpdateServiceAction(node.NodeId, request, registersTaskDefinition, registryChanges, string.Join("; ", changes)));
    }

    private static bool SameNetwork(AwsVpcConfiguration? current, AwsVpcConfiguration desired) =>
        current is not null
        && current.AssignPublicIp == desired.AssignPublicIp
        && current.Subnets.ToHashSet(StringComparer.Ordinal).SetEquals(desired.Subnets)
        && current.SecurityGroups.ToHashSet(StringComparer.Ordinal).SetEquals(desired.SecurityGroups);

    private static void AddTagging(List<NodeAction> actions, int nodeId, TaggedResourceKind kind, string resourceId, IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> actual)
    {
        var missing = Ownership.Missing(desired, actual);
        if (missing.Count == 0)
        {
            return;
        }

        var ownershipLost = missing.ContainsKey(TagKeys.ManagedBy) || missing.ContainsKey(TagKeys.Cluster) || missing.ContainsKey(TagKeys.NodeId);
        actions.Add(new TagResourceAction(nodeId, kind, resourceId, missing,
            $"{(ownershipLost ? "Drift: ownership tags removed; " : string.Empty)}tags {string.Join(", ", missing.Keys.Order(StringComparer.Ordinal))}"));
    }
}
