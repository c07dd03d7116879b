using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Tests.Support;

/// <summary>Observed states for pure planner tests: nothing, or exactly what the spec asks for.</summary>
internal static class ObservedStates
{
    public static ObservedCluster Empty(DesiredCluster desired) =>
        new(desired.Name, [.. desired.Nodes.Select(n => new ObservedNode(
            n.NodeId, Observed<AccessPoint>.Absent, Observed<DiscoveryService>.Absent, Observed<EcsService>.Absent, null, null))], ZeebeObservation.NoBrokerRunning);

    /// <summary>Every resource as the spec wants it, every broker running and an ACTIVE member of the Zeebe cluster.</summary>
    public static ObservedCluster Converged(DesiredCluster desired) =>
        new(desired.Name, [.. desired.Nodes.Select(ConvergedNode)], new ZeebeObservation(Topology(desired.NodeIds), null, new Dictionary<int, HealthReport>()));

    public static ClusterTopology Topology(IEnumerable<int> members, TopologyChange? pending = null, TopologyChange? last = null) =>
        new(1, [.. members.Order().Select(id => new BrokerMember(id, MemberState.Active, "8.8.3", []))], last, pending);

    /// <summary>The gateway's view of a healthy cluster: partitions 1..<paramref name="partitionCount"/>, round robin, each led by one replica.</summary>
    public static GatewayTopology HealthyGateway(IReadOnlyList<int> members, int partitionCount, int replicationFactor) =>
        new(members.Count, partitionCount, replicationFactor, "8.8.3", [.. members.Order().Select(id => new GatewayBroker(
            id,
            $"broker-{id}",
            26501,
            "8.8.3",
            [.. Enumerable.Range(1, partitionCount)
                .Where(p => Enumerable.Range(0, replicationFactor).Any(r => members[(p - 1 + r) % members.Count] == id))
                .Select(p => new PartitionReplica(p, members[(p - 1) % members.Count] == id ? PartitionRole.Leader : PartitionRole.Follower, PartitionHealth.Healthy))]))]);

    public static ObservedCluster WithTopology(this ObservedCluster cluster, ClusterTopology? topology) =>
        cluster with { Zeebe = new ZeebeObservation(topology, topology is null ? "unreachable" : null, cluster.Zeebe.Readiness) };

    public static ObservedNode ConvergedNode(DesiredNode node)
    {
        var accessPointId = $"fsap-{node.NodeId:D17}";
        var accessPoint = new AccessPoint(accessPointId, $"arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/{accessPointId}",
            node.AccessPoint.FileSystemId, node.AccessPoint.RootPath, node.AccessPoint.PosixUser, AccessPointLifeCycle.Available, node.AccessPoint.Tags);
        var discovery = new DiscoveryService($"srv-{node.NodeId:D16}", $"arn:aws:servicediscovery:us-east-1:000000000000:service/srv-{node.NodeId:D16}",
            node.BrokerName, node.DiscoveryService.NamespaceId, node.DiscoveryService.DnsTtlSeconds, node.DiscoveryService.Description);
        var definition = new TaskDefinition($"arn:aws:ecs:us-east-1:000000000000:task-definition/{node.BrokerName}:1", 1, "ACTIVE", node.TaskDefinition.For(accessPointId));
        var service = new EcsService(
            $"arn:aws:ecs:us-east-1:000000000000:service/camunda/{node.BrokerName}",
            node.BrokerName,
            "arn:aws:ecs:us-east-1:000000000000:cluster/camunda",
            EcsServiceStatus.Active,
            definition.Arn,
            DesiredCount: 1,
            RunningCount: 1,
            PendingCount: 0,
            node.Service.LaunchType,
            node.Service.CapacityProviderStrategy,
            node.Service.NetworkConfiguration,
            node.Service.DeploymentConfiguration,
            [new ServiceRegistry(discovery.Arn)],
            node.Service.LoadBalancers,
            node.Service.HealthCheckGracePeriodSeconds,
            [new ServiceDeployment("ecs-svc/1", "PRIMARY", definition.Arn, 1, 1, 0, "COMPLETED")],
            node.Service.Tags);
        var task = new EcsTask($"arn:aws:ecs:us-east-1:000000000000:task/camunda/{node.NodeId:D32}", definition.Arn, $"service:{node.BrokerName}",
            EcsTaskStatus.Running, EcsTaskStatus.Running, "HEALTHY", DateTimeOffset.UnixEpoch, null, "10.0.0.1");

        return new ObservedNode(node.NodeId, Observed<AccessPoint>.Owned(accessPoint, accessPoint.Tags), Observed<DiscoveryService>.Owned(discovery, node.DiscoveryService.Tags),
            Observed<EcsService>.Owned(service, service.Tags), definition, task);
    }

    public static ObservedCluster WithNode(this ObservedCluster cluster, int nodeId, Func<ObservedNode, ObservedNode> change) =>
        cluster with { Nodes = [.. cluster.Nodes.Select(n => n.NodeId == nodeId ? change(n) : n)] };
}
