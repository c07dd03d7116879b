using System.Globalization;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Planning;

/// <summary>Compares desired and observed state and orders the steps that close the gap. Pure: no I/O.</summary>
public static class Planner
{
    public static ReconcilePlan Plan(DesiredCluster desired, ObservedCluster observed)
    {
        var blockers = new List<Blocker>();
        var nodes = desired.Nodes.Select(node => PlanNode(desired, node, observed.Node(node.NodeId), blockers)).ToList();
        return new ReconcilePlan(desired, nodes, blockers);
    }

    private static NodePlan PlanNode(DesiredCluster desired, DesiredNode node, ObservedNode observed, List<Blocker> blockers)
    {
        var start = new NodeContext(
            observed.AccessPoint.OwnedResource?.AccessPointId,
            observed.DiscoveryService.OwnedResource?.Arn,
            observed.Service.OwnedResource?.TaskDefinition,
            observed.Service.OwnedResource?.ServiceArn);

        var nodeBlockers = FindBlockers(node, observed).ToList();
        if (nodeBlockers.Count > 0)
        {
            blockers.AddRange(nodeBlockers);
            return new NodePlan(node.NodeId, start, [], WaitingFor: null);
        }

        var generation = desired.Document.Metadata.Generation.ToString(CultureInfo.InvariantCulture);
        var token = (string kind) => StableHash.Token(desired.Name, node.NodeId.ToString(CultureInfo.InvariantCulture), kind, generation);
        var actions = new List<NodeAction>();

        if (observed.AccessPoint.OwnedResource is not { } accessPoint)
        {
            actions.Add(new CreateAccessPointAction(node.NodeId, node.AccessPoint.ToRequest(token("efs-access-point")), "Missing"));
        }
        else
        {
            AddTagging(actions, node.NodeId, TaggedResourceKind.AccessPoint, accessPoint.AccessPointId, node.AccessPoint.Tags, accessPoint.Tags);
        }

        if (observed.DiscoveryService.Presence == Presence.Absent)
        {
            actions.Add(new CreateDiscoveryServiceAction(node.NodeId, node.DiscoveryService.ToRequest(token("cloudmap-service")), "Missing"));
        }

        var taskDefinitionChange = TaskDefinitionChange(node, observed);
        if (taskDefinitionChange is not null)
        {
            actions.Add(new RegisterTaskDefinitionAction(node.NodeId, node.BrokerName, node.TaskDefinition, taskDefinitionChange));
        }

        string? waitingFor = null;
        switch (observed.Service.Resource)
        {
            case null:
                actions.Add(new CreateServiceAction(node.NodeId, node.Service, token("ecs-service"), "Missing"));
                break;
            case { Status: EcsServiceStatus.Draining } draining:
                waitingFor = $"ECS service {draining.ServiceName} is draining";
                break;
            case var service:
                AddServiceUpdate(actions, node, service, observed, registersTaskDefinition: taskDefinitionChange is not null);
                AddTagging(actions, node.NodeId, TaggedResourceKind.EcsService, service.ServiceArn, node.Service.Tags, service.Tags);
                break;
        }

        return new NodePlan(node.NodeId, start, actions, waitingFor);
    }

    private static IEnumerable<Blocker> FindBlockers(DesiredNode node, ObservedNode observed)
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
            return observed.CurrentTaskDefinition is null ? "Missing" : "AccessPointReplaced";
        }

        var desired = node.TaskDefinition.For(accessPoint.AccessPointId);
        var current = observed.CurrentTaskDefinition?.Definition;
        if (current is null)
        {
            return "Missing";
        }

        return current.Tags.GetValueOrDefault(TagKeys.ConfigHash) == desired.Tags[TagKeys.ConfigHash]
            ? null
            : DescribeChange(current, desired);
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
            changes.Add($"desired count {service.DesiredCount} -> {desired.DesiredCount}");
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
            changes.Add("service registry");
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
        if (missing.Count > 0)
        {
            actions.Add(new TagResourceAction(nodeId, kind, resourceId, missing, $"tags {string.Join(", ", missing.Keys.Order(StringComparer.Ordinal))}"));
        }
    }
}
