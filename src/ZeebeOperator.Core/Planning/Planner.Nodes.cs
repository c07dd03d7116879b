using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Planning;

/// <summary>Per-node planning: create what is missing, update what drifted, tag what lacks tags.</summary>
public static partial class Planner
{
    private static NodePlan PlanNode(DesiredCluster desired, ObservedCluster cluster, DesiredNode node, ObservedNode observed, PlanningContext context, bool allowSpecRestart, List<Blocker> blockers)
    {
        var start = StartOf(observed);
        var nodeBlockers = NodeBlockers(node, observed).ToList();
        if (nodeBlockers.Count > 0)
        {
            blockers.AddRange(nodeBlockers);
            return new NodePlan(node.NodeId, start, [], WaitingFor: null);
        }

        var before = Before(context, node.NodeId);
        var actions = new List<NodeAction>();

        if (observed.AccessPoint.OwnedResource is not { } accessPoint)
        {
            var why = before?.AccessPointId is { } lost ? new ChangeReason.Drift($"access point {lost} was deleted out of band (the data directory stays on the file system)") : ChangeReason.Missing;
            actions.Add(new CreateAccessPointAction(node.NodeId, node.AccessPoint, why));
        }
        else
        {
            AddTagging(actions, node.NodeId, TaggedResourceKind.AccessPoint, accessPoint.AccessPointId, node.AccessPoint.Tags, observed.AccessPoint.Tags);
        }

        if (observed.DiscoveryService.OwnedResource is not { } discovery)
        {
            var why = before?.DiscoveryServiceId is { } lost ? new ChangeReason.Drift($"Cloud Map service {lost} was deleted out of band") : ChangeReason.Missing;
            actions.Add(new CreateDiscoveryServiceAction(node.NodeId, node.DiscoveryService, why));
        }
        else if (observed.DiscoveryService.TagsRead)
        {
            AddTagging(actions, node.NodeId, TaggedResourceKind.DiscoveryService, discovery.Arn, node.DiscoveryService.Tags, observed.DiscoveryService.Tags);
        }

        var definitionChange = TaskDefinitionChange(node, observed);
        var registers = definitionChange is not null && (allowSpecRestart || TaskDefinitionRestart(node, observed) is null);
        if (registers)
        {
            actions.Add(new RegisterTaskDefinitionAction(node.NodeId, node.BrokerName, node.TaskDefinition, definitionChange!));
        }
        else if (observed.AccessPoint.OwnedResource is { } volume && observed.CurrentTaskDefinition is { } inUse && IsOurRevision(node, inUse))
        {
            // Tags need no new revision. Never the content hash: a revision waiting to be replaced keeps its own.
            AddTagging(actions, node.NodeId, TaggedResourceKind.TaskDefinition, inUse.Arn, node.TaskDefinition.TagsFor(volume.AccessPointId), inUse.Definition.Tags);
        }

        string? waitingFor = null;
        switch (observed.Service.Resource)
        {
            case null:
                var why = before?.ServiceName is not null ? new ChangeReason.Drift("ECS service was deleted out of band") : ChangeReason.Missing;
                actions.Add(new CreateServiceAction(node.NodeId, node.Service, why));
                break;
            case { Status: EcsServiceStatus.Draining } draining:
                waitingFor = $"ECS service {draining.ServiceName} is draining";
                break;
            case var service:
                var loadBalancerChange = allowSpecRestart ? LoadBalancerChange(node, observed) : null;
                AddServiceUpdate(actions, node, service, observed, registers ? definitionChange : null, loadBalancerChange);
                if (registers)
                {
                    actions.Add(new PruneTaskDefinitionsAction(node.NodeId, node.BrokerName, RevisionsInUse(service, observed), KeepNewest: true, ChangeReason.Replaced));
                }

                AddTagging(actions, node.NodeId, TaggedResourceKind.EcsService, service.ServiceArn, ServiceTagsAfter(node, service, loadBalancerChange is not null), observed.Service.Tags);
                break;
        }

        var gatewayWait = AddGatewayMembership(actions, desired, cluster, node, observed, before, context.Now);
        waitingFor ??= gatewayWait;

        return new NodePlan(node.NodeId, start, actions, waitingFor);
    }

    private static IReadOnlyList<string> RevisionsInUse(EcsService service, ObservedNode observed) =>
        [.. new[] { service.TaskDefinition, observed.Task?.TaskDefinitionArn }
            .Concat(service.Deployments.Select(d => d.TaskDefinition))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];

    private static NodeContext StartOf(ObservedNode observed) => new(
        observed.AccessPoint.OwnedResource?.AccessPointId,
        observed.DiscoveryService.OwnedResource?.Arn,
        observed.Service.OwnedResource?.TaskDefinition,
        observed.Service.OwnedResource?.ServiceArn);

    private static IEnumerable<Blocker> NodeBlockers(DesiredNode node, ObservedNode observed)
    {
        if (observed.AccessPoint is { Presence: Presence.Foreign, Resource: { } foreignAccessPoint })
        {
            yield return new Blocker(node.NodeId, BlockerReason.OwnershipConflict,
                $"EFS access point {foreignAccessPoint.AccessPointId} ({foreignAccessPoint.RootPath}) has this node's name or directory but not the operator's ownership tags; it is left untouched");
        }

        if (observed.DiscoveryService is { Presence: Presence.Foreign, Resource: { } foreignDiscovery })
        {
            yield return new Blocker(node.NodeId, BlockerReason.OwnershipConflict,
                $"Cloud Map service {foreignDiscovery.Name} ({foreignDiscovery.Id}) exists without the operator's ownership tags; it is left untouched");
        }

        if (observed.Service is { Presence: Presence.Foreign, Resource: { } foreignService })
        {
            yield return new Blocker(node.NodeId, BlockerReason.OwnershipConflict,
                $"ECS service {foreignService.ServiceName} exists without the operator's ownership tags; it is left untouched");
        }

        if (observed.AccessPoint.OwnedResource is { } accessPoint
            && (accessPoint.RootPath != node.AccessPoint.RootPath || accessPoint.FileSystemId != node.AccessPoint.FileSystemId))
        {
            yield return new Blocker(node.NodeId, BlockerReason.StorageChangeRefused,
                $"access point {accessPoint.AccessPointId} holds this node's data at {accessPoint.FileSystemId}:{accessPoint.RootPath}, the spec asks for {node.AccessPoint.FileSystemId}:{node.AccessPoint.RootPath}; the operator does not move broker data");
        }

        if (observed.Service.OwnedResource is { } service && node.Service.LaunchType is { } launchType && service.LaunchType is { } current && current != launchType)
        {
            yield return new Blocker(node.NodeId, BlockerReason.LaunchTypeChangeRefused,
                $"ECS service {service.ServiceName} runs on {current}, the spec asks for {launchType}; ECS cannot change a service's launch type in place");
        }
    }

    /// <summary>Why a new revision is needed, or null when the service's current one has the desired content.</summary>
    private static ChangeReason? TaskDefinitionChange(DesiredNode node, ObservedNode observed)
    {
        if (observed.AccessPoint.OwnedResource is not { } accessPoint)
        {
            return observed.CurrentTaskDefinition is null ? ChangeReason.Missing : new ChangeReason.Drift("new access point");
        }

        var desired = node.TaskDefinition.For(accessPoint.AccessPointId);
        var current = observed.CurrentTaskDefinition;
        if (current is null)
        {
            return observed.Service.OwnedResource is null ? ChangeReason.Missing : new ChangeReason.Drift("the service's task definition is gone");
        }

        if (current.Definition.Tags.GetValueOrDefault(TagKeys.ConfigHash) == desired.Tags[TagKeys.ConfigHash])
        {
            return null;
        }

        return IsOurRevision(node, current) ? new ChangeReason.SpecChange(DescribeChange(current.Definition, desired)) : new ChangeReason.Drift($"task definition replaced by {current.Arn}");
    }

    private static NodeStatus? Before(PlanningContext context, int nodeId) => context.Previous?.Nodes.FirstOrDefault(n => n.NodeId == nodeId);

    /// <summary>
    /// A change that restarts a running broker, so it waits its turn: new task definition content from the spec, or
    /// other target groups (ECS replaces the task to change them, repair or not).
    /// </summary>
    private static ChangeReason? SpecRestart(DesiredNode node, ObservedNode observed) =>
        (TaskDefinitionRestart(node, observed), LoadBalancerChange(node, observed)) switch
        {
            (null, var targets) => targets,
            (var definition, null) => definition,
            var (definition, targets) => ChangeReason.AllOf([definition, targets]),
        };

    /// <summary>
    /// Why the service's target groups must change, or null. ECS starts a new deployment for it, which replaces the
    /// broker's task. A drift when the service's target groups are not the ones its fingerprint tag says the operator set.
    /// </summary>
    private static ChangeReason? LoadBalancerChange(DesiredNode node, ObservedNode observed)
    {
        if (observed.Service.OwnedResource is not { IsActive: true } service || node.Service.HasLoadBalancers(service.LoadBalancers))
        {
            return null;
        }

        var wanted = node.Service.LoadBalancers;
        var changes = wanted.Except(service.LoadBalancers).Select(l => $"+{TargetGroupName(l)}:{l.ContainerPort}")
            .Concat(service.LoadBalancers.Except(wanted).Select(l => $"-{TargetGroupName(l)}:{l.ContainerPort}"));
        var text = $"target groups {string.Join(" ", changes)}";
        var setByOperator = service.Tags.GetValueOrDefault(TagKeys.TargetGroups) ?? DesiredService.TargetGroupsFingerprint([]);
        return setByOperator != DesiredService.TargetGroupsFingerprint(service.LoadBalancers)
            ? new ChangeReason.Drift($"{text} (changed out of band)")
            : new ChangeReason.SpecChange(text);
    }

    /// <summary>
    /// The service's tags as the operator wants them, with the target groups' fingerprint once they are (or, with
    /// this pass's update, will be) the wanted ones; never before, so a held change still reads as the spec's.
    /// </summary>
    private static IReadOnlyDictionary<string, string> ServiceTagsAfter(DesiredNode node, EcsService service, bool updatesLoadBalancers)
    {
        var inPlace = updatesLoadBalancers || node.Service.HasLoadBalancers(service.LoadBalancers);
        var fingerprintKnown = service.Tags.ContainsKey(TagKeys.TargetGroups) || node.Service.LoadBalancers.Count > 0;
        return inPlace && fingerprintKnown
            ? new SortedDictionary<string, string>(node.Service.Tags.ToDictionary(), StringComparer.Ordinal) { [TagKeys.TargetGroups] = DesiredService.TargetGroupsFingerprint(node.Service.LoadBalancers) }
            : node.Service.Tags;
    }

    /// <summary>The target group's name in its ARN (<c>…:targetgroup/{name}/{id}</c>).</summary>
    private static string TargetGroupName(LoadBalancer loadBalancer) =>
        loadBalancer.TargetGroupArn.Split('/') is { Length: 3 } parts ? parts[1] : loadBalancer.TargetGroupArn;

    /// <summary>
    /// A spec change to a running broker's task definition (ours, older content): it restarts the broker, so it waits
    /// its turn. Repairs of out-of-band changes and first deployments are not held.
    /// </summary>
    private static ChangeReason? TaskDefinitionRestart(DesiredNode node, ObservedNode observed) =>
        observed.Service.OwnedResource is not null
        && observed.CurrentTaskDefinition is { } current
        && IsOurRevision(node, current)
        && TaskDefinitionChange(node, observed) is { } change
        && !change.IsDrift
            ? change
            : null;

    private static bool IsOurRevision(DesiredNode node, TaskDefinition definition) =>
        definition.Family == node.BrokerName
        && definition.Definition.Tags.ContainsKey(TagKeys.ConfigHash)
        && definition.Definition.Tags.GetValueOrDefault(TagKeys.ManagedBy) == TagKeys.ManagedByValue;

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

        var architecture = (Before: CpuArchitectureOf(current), After: CpuArchitectureOf(desired));
        if (architecture.Before != architecture.After)
        {
            changes.Add($"cpu architecture {architecture.Before} -> {architecture.After}");
        }

        AddChangedNames(changes, "environment", currentContainer.Environment, desiredContainer.Environment, e => e.Name);

        // Only the names: reasons reach logs, audit records and status, and an ARN is no business of theirs.
        AddChangedNames(changes, "secrets", currentContainer.Secrets ?? [], desiredContainer.Secrets ?? [], s => s.Name);

        var restart = desiredContainer.DockerLabels?.GetValueOrDefault(DesiredStateRenderer.RestartedAtLabel);
        if (restart != currentContainer.DockerLabels?.GetValueOrDefault(DesiredStateRenderer.RestartedAtLabel))
        {
            changes.Add(restart is null ? "restart request removed" : $"restart requested at {restart}");
        }

        return changes.Count > 0 ? string.Join("; ", changes) : "DefinitionChanged";
    }

    private static string CpuArchitectureOf(TaskDefinitionRequest definition) => definition.RuntimePlatform?.CpuArchitecture ?? "X86_64";

    private static void AddChangedNames<T>(List<string> changes, string what, IReadOnlyList<T> current, IReadOnlyList<T> desired, Func<T, string> name)
    {
        var before = current.ToHashSet();
        var after = desired.ToHashSet();
        var changed = before.Except(after).Concat(after.Except(before))
            .Select(name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (changed.Count > 0)
        {
            changes.Add($"{what} {string.Join(", ", changed)}");
        }
    }

    /// <param name="definitionChange">Why the service gets a new task definition (a revision this pass registers or reuses), or null.</param>
    /// <param name="loadBalancerChange">Why the service gets the wanted target groups this pass (its turn to restart), or null.</param>
    private static void AddServiceUpdate(List<NodeAction> actions, DesiredNode node, EcsService service, ObservedNode observed, ChangeReason? definitionChange, ChangeReason? loadBalancerChange)
    {
        var desired = node.Service;
        var changes = new List<ChangeReason>();
        if (definitionChange is not null)
        {
            // A repair (a swapped revision, a recreated access point) says so, like every other drift repair.
            changes.Add(definitionChange.IsDrift ? ChangeReason.AllOf([definitionChange, new ChangeReason.SpecChange("task definition")]) : new ChangeReason.SpecChange("task definition"));
        }

        int? desiredCount = service.DesiredCount != desired.DesiredCount ? desired.DesiredCount : null;
        if (desiredCount is not null)
        {
            changes.Add(new ChangeReason.Drift($"desired count {service.DesiredCount} -> {desired.DesiredCount}"));
        }

        var deployment = service.DeploymentConfiguration != desired.DeploymentConfiguration ? desired.DeploymentConfiguration : null;
        if (deployment is not null)
        {
            changes.Add(new ChangeReason.SpecChange("deployment configuration"));
        }

        var network = SameNetwork(service.NetworkConfiguration, desired.NetworkConfiguration) ? null : desired.NetworkConfiguration;
        if (network is not null)
        {
            changes.Add(new ChangeReason.SpecChange("network configuration"));
        }

        var capacity = desired.CapacityProviderStrategy.Count > 0 && !service.CapacityProviderStrategy.SequenceEqual(desired.CapacityProviderStrategy)
            ? desired.CapacityProviderStrategy
            : null;
        if (capacity is not null)
        {
            changes.Add(new ChangeReason.SpecChange("capacity provider strategy"));
        }

        var registryArn = observed.DiscoveryService.OwnedResource?.Arn;
        var registryChanges = registryArn is null || !service.ServiceRegistries.Any(r => r.RegistryArn == registryArn);
        if (registryChanges)
        {
            // The service is always created with its node's registry, and the namespace cannot change: a mismatch is drift.
            changes.Add(new ChangeReason.Drift(registryArn is null ? "service registry (Cloud Map service recreated)" : "service registry"));
        }

        var loadBalancers = loadBalancerChange is null ? null : desired.LoadBalancers;
        if (loadBalancerChange is not null)
        {
            changes.Add(loadBalancerChange);
        }

        // ECS takes a grace period only for a service with load balancers: set with them, or once they are in place.
        var targetsAfter = loadBalancers ?? service.LoadBalancers;
        int? gracePeriod = targetsAfter.Count > 0 && desired.HasLoadBalancers(targetsAfter) && desired.HealthCheckGracePeriodSeconds is { } grace
            && (loadBalancers is not null || service.HealthCheckGracePeriodSeconds != grace)
                ? grace
                : null;
        if (gracePeriod is not null && loadBalancers is null)
        {
            changes.Add(new ChangeReason.SpecChange("health check grace period"));
        }

        if (changes.Count == 0)
        {
            return;
        }

        changes = [.. changes.OrderBy(c => c.IsDrift ? 0 : 1)];

        var request = new UpdateServiceRequest(
            desired.Cluster,
            desired.ServiceName,
            TaskDefinition: null,
            desiredCount,
            network,
            deployment,
            capacity,
            LoadBalancers: loadBalancers,
            HealthCheckGracePeriodSeconds: gracePeriod);
        actions.Add(new UpdateServiceAction(node.NodeId, request, definitionChange is not null, registryChanges, ChangeReason.AllOf(changes)));
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
        var tags = new ChangeReason.SpecChange($"tags {string.Join(", ", missing.Keys.Order(StringComparer.Ordinal))}");
        actions.Add(new TagResourceAction(nodeId, kind, resourceId, missing,
            ownershipLost ? ChangeReason.AllOf([new ChangeReason.Drift("ownership tags removed"), tags]) : tags));
    }
}
