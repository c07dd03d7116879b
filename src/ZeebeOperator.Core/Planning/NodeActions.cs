using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Planning;

/// <summary>The ids a node's later steps need, known from observation or produced by earlier steps.</summary>
public sealed record NodeContext(string? AccessPointId, string? RegistryArn, string? TaskDefinitionArn, string? ServiceArn);

/// <summary>
/// One mutating step of a node's plan. Steps of a node run in order; nodes run concurrently. A create carries no
/// idempotency token: the executor gives every intent its own.
/// </summary>
public abstract record NodeAction(int NodeId, string Reason)
{
    public abstract PlanStep Describe();
}

public sealed record CreateAccessPointAction(int NodeId, DesiredAccessPoint AccessPoint, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() =>
        new(NodeId, "create", "EFS access point", $"{AccessPoint.Tags[TagKeys.Name]} at {AccessPoint.RootPath}", Reason);
}

public sealed record CreateDiscoveryServiceAction(int NodeId, DesiredDiscoveryService DiscoveryService, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "create", "Cloud Map service", DiscoveryService.Name, Reason);
}

public sealed record RegisterTaskDefinitionAction(int NodeId, string Family, DesiredTaskDefinition Definition, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "register", "task definition", Family, Reason);
}

/// <summary>
/// Deregister the node's revisions that no service or task uses: all of them (<paramref name="KeepNewest"/> false,
/// when the node goes), or all but the newest few kept for rollback. Only revisions carrying the node's ownership
/// tags; the executor lists and deregisters them, each deregistration audited.
/// </summary>
/// <param name="InUse">Revisions observed in use: the service's, its deployments', its running task's.</param>
public sealed record PruneTaskDefinitionsAction(int NodeId, string Family, IReadOnlyList<string> InUse, bool KeepNewest, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "deregister", "unused ECS task definitions of", Family, Reason);
}

/// <summary>One revision the executor deregisters for a <see cref="PruneTaskDefinitionsAction"/>.</summary>
public sealed record DeregisterTaskDefinitionAction(int NodeId, string TaskDefinitionArn, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "deregister", "ECS task definition", TaskDefinitionArn, Reason);
}

public sealed record CreateServiceAction(int NodeId, DesiredService Service, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "create", "ECS service", Service.ServiceName, Reason);
}

/// <param name="UseRegisteredTaskDefinition">Point the service at the revision an earlier step registered.</param>
/// <param name="SetServiceRegistry">Attach the node's Cloud Map service (observed, or created by an earlier step).</param>
public sealed record UpdateServiceAction(int NodeId, UpdateServiceRequest Request, bool UseRegisteredTaskDefinition, bool SetServiceRegistry, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "update", "ECS service", Request.Service, Reason);
}

public enum TaggedResourceKind
{
    AccessPoint,
    DiscoveryService,
    EcsService,
    TaskDefinition,
}

public sealed record TagResourceAction(int NodeId, TaggedResourceKind Kind, string ResourceId, IReadOnlyDictionary<string, string> Tags, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() =>
        new(NodeId, "tag", Kind switch
        {
            TaggedResourceKind.AccessPoint => "EFS access point",
            TaggedResourceKind.DiscoveryService => "Cloud Map service",
            TaggedResourceKind.TaskDefinition => "ECS task definition",
            _ => "ECS service",
        }, ResourceId, Reason);
}

public sealed record DeleteServiceAction(int NodeId, string Cluster, string ServiceName, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "delete", "ECS service", ServiceName, Reason);
}

/// <summary>Cloud Map refuses while instances are registered; the executor treats that as "not yet", not as a failure.</summary>
public sealed record DeleteDiscoveryServiceAction(int NodeId, string ServiceId, string Name, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "delete", "Cloud Map service", Name, Reason);
}

public sealed record DeleteAccessPointAction(int NodeId, string AccessPointId, string RootPath, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "delete", "EFS access point", $"{AccessPointId} ({RootPath})", Reason);
}

public enum MembershipDirection
{
    Add,
    Remove,
}

/// <summary>Ask Zeebe to add or remove brokers (PATCH /actuator/cluster), through a running broker.</summary>
public sealed record MembershipChange(MembershipDirection Direction, IReadOnlyList<int> BrokerIds, int ViaNodeId)
{
    public PlanStep Describe() => new(
        null,
        Direction == MembershipDirection.Add ? "add" : "remove",
        "Zeebe brokers",
        string.Join(",", BrokerIds),
        Direction == MembershipDirection.Add ? "ScaleUp" : "ScaleDown");
}

/// <summary>Why the operator will not act on (part of) the cluster; <see cref="Reason"/> is a CamelCase condition reason.</summary>
/// <param name="NodeId">The node concerned, or null for the whole cluster.</param>
public sealed record Blocker(int? NodeId, string Reason, string Message)
{
    public override string ToString() => NodeId is { } n ? $"node {n}: {Message}" : Message;
}

/// <summary>A change that needs a broker restart and is waiting its turn.</summary>
public sealed record HeldChange(int NodeId, string Change, string Until)
{
    public override string ToString() => $"node {NodeId}: {Change} — {Until}";
}

public sealed record NodePlan(int NodeId, NodeContext Start, IReadOnlyList<NodeAction> Actions, string? WaitingFor);

/// <summary>The executable plan of one reconcile.</summary>
/// <param name="Nodes">The spec's nodes, worked on concurrently.</param>
/// <param name="Teardown">Nodes to remove, worked on one at a time, highest node ID first.</param>
/// <param name="Waiting">What the cluster as a whole waits for.</param>
/// <param name="ChangeInProgress">A Zeebe topology change that is running.</param>
public sealed record ReconcilePlan(
    DesiredCluster Desired,
    IReadOnlyList<NodePlan> Nodes,
    IReadOnlyList<NodePlan> Teardown,
    MembershipChange? Membership,
    IReadOnlyList<Blocker> Blockers,
    IReadOnlyList<string> Waiting,
    IReadOnlyList<HeldChange> Held,
    TopologyChange? ChangeInProgress)
{
    public IEnumerable<NodeAction> Actions => Nodes.Concat(Teardown).SelectMany(n => n.Actions);

    public bool HasActions => Actions.Any() || Membership is not null;

    public IEnumerable<string> AllWaits => Waiting.Concat(Nodes.Concat(Teardown).Select(n => n.WaitingFor).OfType<string>());

    public ClusterPlan ToClusterPlan() =>
        new(
            Desired.Name,
            [.. Nodes.SelectMany(n => n.Actions).Select(a => a.Describe()), .. Membership is null ? [] : new[] { Membership.Describe() }, .. Teardown.SelectMany(n => n.Actions).Select(a => a.Describe())],
            [.. Blockers.Select(b => b.ToString())]);
}
