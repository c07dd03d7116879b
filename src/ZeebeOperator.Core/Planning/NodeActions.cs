using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Planning;

/// <summary>The ids a node's later steps need, known from observation or produced by earlier steps.</summary>
public sealed record NodeContext(string? AccessPointId, string? RegistryArn, string? TaskDefinitionArn, string? ServiceArn);

/// <summary>One mutating step of a node's plan. Steps of a node run in order; nodes run concurrently.</summary>
public abstract record NodeAction(int NodeId, string Reason)
{
    public abstract PlanStep Describe();
}

public sealed record CreateAccessPointAction(int NodeId, CreateAccessPointRequest Request, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() =>
        new(NodeId, "create", "EFS access point", $"{Request.Tags[TagKeys.Name]} at {Request.RootPath}", Reason);
}

public sealed record CreateDiscoveryServiceAction(int NodeId, CreateDiscoveryServiceRequest Request, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "create", "Cloud Map service", Request.Name, Reason);
}

public sealed record RegisterTaskDefinitionAction(int NodeId, string Family, DesiredTaskDefinition Definition, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() => new(NodeId, "register", "task definition", Family, Reason);
}

public sealed record CreateServiceAction(int NodeId, DesiredService Service, string ClientToken, string Reason)
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
}

public sealed record TagResourceAction(int NodeId, TaggedResourceKind Kind, string ResourceId, IReadOnlyDictionary<string, string> Tags, string Reason)
    : NodeAction(NodeId, Reason)
{
    public override PlanStep Describe() =>
        new(NodeId, "tag", Kind switch
        {
            TaggedResourceKind.AccessPoint => "EFS access point",
            TaggedResourceKind.DiscoveryService => "Cloud Map service",
            _ => "ECS service",
        }, ResourceId, Reason);
}

/// <summary>Why the operator will not act on (part of) a node; <see cref="Reason"/> is a CamelCase condition reason.</summary>
public sealed record Blocker(int NodeId, string Reason, string Message)
{
    public override string ToString() => $"node {NodeId}: {Message}";
}

public sealed record NodePlan(int NodeId, NodeContext Start, IReadOnlyList<NodeAction> Actions, string? WaitingFor);

/// <summary>The executable plan of one reconcile.</summary>
public sealed record ReconcilePlan(DesiredCluster Desired, IReadOnlyList<NodePlan> Nodes, IReadOnlyList<Blocker> Blockers)
{
    public IEnumerable<NodeAction> Actions => Nodes.SelectMany(n => n.Actions);

    public bool HasActions => Nodes.Any(n => n.Actions.Count > 0);

    public ClusterPlan ToClusterPlan() =>
        new(Desired.Name, [.. Actions.Select(a => a.Describe())], [.. Blockers.Select(b => b.ToString())]);
}
