using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Planning;

/// <summary>The ids a node's later steps need, known from observation or produced by earlier steps.</summary>
public sealed record NodeContext(string? AccessPointId, string? RegistryArn, string? TaskDefinitionArn, string? ServiceArn);

/// <summary>
/// One planned step, AWS or Zeebe: its catalogue <see cref="Entry"/> says what it calls, on which resource and whether
/// it mutates; the executor audits every mutation the same way.
/// </summary>
public abstract record PlannedAction(ChangeReason Reason)
{
    public abstract ActionKind Entry { get; }

    /// <summary>The node the action works on, or null for the whole cluster.</summary>
    public abstract int? Node { get; }

    /// <summary>The resource audit records name.</summary>
    public abstract string AuditResource { get; }

    /// <summary>The resource the plan step names.</summary>
    protected virtual string DisplayName => AuditResource;

    public PlanStep Describe() => new(Node, Entry.Verb, Entry.ResourceKind, DisplayName, Reason.ToString());
}

/// <summary>
/// One mutating step of a node's plan. Steps of a node run in order; nodes run concurrently. A create carries no
/// idempotency token: the executor gives every intent its own.
/// </summary>
public abstract record NodeAction(int NodeId, ChangeReason Reason) : PlannedAction(Reason)
{
    public override int? Node => NodeId;

    /// <summary>Runs the step; returns the node's ids as they are after it.</summary>
    public abstract Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node);

    /// <summary>Whether AWS refusing with <paramref name="error"/> means "not yet" (the next pass tries again) rather than a failure.</summary>
    public virtual bool IsDeferral(AwsApiException error) => false;

    protected InvalidOperationException MissingStep(string what) =>
        new($"Node {NodeId}: {GetType().Name} needs the {what}, which neither exists nor was created by an earlier step.");
}

public sealed record CreateAccessPointAction(int NodeId, DesiredAccessPoint AccessPoint, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("elasticfilesystem", "CreateAccessPoint"), "create", "EFS access point");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => AccessPoint.RootPath;

    protected override string DisplayName => $"{AccessPoint.Tags[TagKeys.Name]} at {AccessPoint.RootPath}";

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            var request = AccessPoint.ToRequest(call.IdempotencyToken);
            var created = await call.RunAsync(ct => context.Efs.CreateAccessPointAsync(request, ct));
            return node with { AccessPointId = created.AccessPointId };
        });
}

public sealed record CreateDiscoveryServiceAction(int NodeId, DesiredDiscoveryService DiscoveryService, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("servicediscovery", "CreateService"), "create", "Cloud Map service");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => DiscoveryService.Name;

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            var request = DiscoveryService.ToRequest(call.IdempotencyToken);
            var created = await call.RunAsync(ct => context.ServiceDiscovery.CreateServiceAsync(request, ct));
            return node with { RegistryArn = created.Arn };
        });
}

public sealed record RegisterTaskDefinitionAction(int NodeId, string Family, DesiredTaskDefinition Definition, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("ecs", "RegisterTaskDefinition"), "register", "task definition");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => Family;

    public override async Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node)
    {
        var request = Definition.For(node.AccessPointId ?? throw MissingStep("access point"));

        // A crash between registering and pointing the service at it leaves the revision behind: reuse it.
        var latest = await LatestRevisionAsync(context);
        if (latest is not null && latest.Definition.Tags.GetValueOrDefault(TagKeys.ConfigHash) == request.Tags[TagKeys.ConfigHash])
        {
            return node with { TaskDefinitionArn = latest.Arn };
        }

        return await context.AuditedAsync(this, async call =>
        {
            var registered = await call.RunAsync(ct => context.Ecs.RegisterTaskDefinitionAsync(request, ct));
            return node with { TaskDefinitionArn = registered.Arn };
        });
    }

    private async Task<TaskDefinition?> LatestRevisionAsync(IActionContext context)
    {
        try
        {
            return await context.ReadAsync(ct => context.Ecs.DescribeTaskDefinitionAsync(Family, ct));
        }
        catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
        {
            return null;
        }
    }
}

/// <summary>
/// Deregister the node's revisions that no service or task uses: all of them (<paramref name="KeepNewest"/> false,
/// when the node goes), or all but the newest few kept for rollback. Only revisions carrying the node's ownership
/// tags; each is deregistered by its own audited <see cref="DeregisterTaskDefinitionAction"/>.
/// </summary>
/// <param name="InUse">Revisions observed in use: the service's, its deployments', its running task's.</param>
public sealed record PruneTaskDefinitionsAction(int NodeId, string Family, IReadOnlyList<string> InUse, bool KeepNewest, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("ecs", "ListTaskDefinitions"), "deregister", "unused ECS task definitions of", Mutates: false);

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => Family;

    /// <summary>
    /// Deregisters the family's ACTIVE revisions that nothing uses and that are not among the newest kept for
    /// rollback, oldest first, and only those whose tags say they are this node's.
    /// </summary>
    public override async Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node)
    {
        // A node that goes keeps nothing: a task still stopping runs on to its end on a deregistered revision.
        var inUse = KeepNewest
            ? InUse.Append(node.TaskDefinitionArn).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        var active = await context.ReadAsync(ct => context.Ecs.ListTaskDefinitionsAsync(Family, ct));
        var unused = active
            .Select(TaskDefinitionArn.TryParse)
            .OfType<TaskDefinitionArn>()
            .Where(r => r.Family == Family)
            .OrderByDescending(r => r.Revision)
            .Skip(KeepNewest ? context.TaskDefinitionRevisionsToKeep : 0)
            .Where(r => !inUse.Contains(r.Arn))
            .Reverse();
        foreach (var revision in unused)
        {
            if (await OwnedRevisionAsync(context, revision.Arn) is { } owned)
            {
                node = await new DeregisterTaskDefinitionAction(NodeId, owned, Reason).ExecuteAsync(context, node);
            }
        }

        return node;
    }

    /// <summary>The revision, when its ownership tags name this cluster and node; described once, then cached.</summary>
    private async Task<TaskDefinition?> OwnedRevisionAsync(IActionContext context, string arn)
    {
        var definition = context.TaskDefinitions.Get(arn);
        if (definition is null)
        {
            try
            {
                definition = await context.ReadAsync(ct => context.Ecs.DescribeTaskDefinitionAsync(arn, ct));
                context.TaskDefinitions.Set(definition);
            }
            catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                return null;
            }
        }

        return Ownership.IsOwnedBy(definition.Definition.Tags, context.Desired.Name, NodeId) ? definition : null;
    }
}

/// <summary>One revision deregistered for a <see cref="PruneTaskDefinitionsAction"/>.</summary>
public sealed record DeregisterTaskDefinitionAction(int NodeId, TaskDefinition Revision, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("ecs", "DeregisterTaskDefinition"), "deregister", "ECS task definition");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => Revision.Arn;

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            var inactive = await call.RunAsync(ct => context.Ecs.DeregisterTaskDefinitionAsync(Revision.Arn, ct));
            context.TaskDefinitions.Set(Revision with { Status = inactive.Status });
            return node;
        });
}

public sealed record CreateServiceAction(int NodeId, DesiredService Service, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("ecs", "CreateService"), "create", "ECS service");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => Service.ServiceName;

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            var request = Service.ToCreateRequest(
                call.IdempotencyToken,
                node.TaskDefinitionArn ?? throw MissingStep("task definition"),
                node.RegistryArn ?? throw MissingStep("Cloud Map service"));
            var created = await call.RunAsync(ct => context.Ecs.CreateServiceAsync(request, ct));
            return node with { ServiceArn = created.ServiceArn };
        });
}

/// <param name="UseRegisteredTaskDefinition">Point the service at the revision an earlier step registered.</param>
/// <param name="SetServiceRegistry">Attach the node's Cloud Map service (observed, or created by an earlier step).</param>
public sealed record UpdateServiceAction(int NodeId, UpdateServiceRequest Request, bool UseRegisteredTaskDefinition, bool SetServiceRegistry, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("ecs", "UpdateService"), "update", "ECS service");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => Request.Service;

    /// <summary>Whether ECS replaces the task for it: a new task definition or other load balancers.</summary>
    public bool RestartsBroker => UseRegisteredTaskDefinition || Request.LoadBalancers is not null;

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            var request = Request with
            {
                TaskDefinition = UseRegisteredTaskDefinition ? node.TaskDefinitionArn ?? throw MissingStep("task definition") : null,
                ServiceRegistries = SetServiceRegistry ? [new ServiceRegistry(node.RegistryArn ?? throw MissingStep("Cloud Map service"))] : null,
            };
            await call.RunAsync(ct => context.Ecs.UpdateServiceAsync(request, ct));
            return node;
        });
}

public enum TaggedResourceKind
{
    AccessPoint,
    DiscoveryService,
    EcsService,
    TaskDefinition,
}

public sealed record TagResourceAction(int NodeId, TaggedResourceKind Kind, string ResourceId, IReadOnlyDictionary<string, string> Tags, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind TagAccessPoint { get; } = new(new("elasticfilesystem", "TagResource"), "tag", "EFS access point");

    public static ActionKind TagDiscoveryService { get; } = new(new("servicediscovery", "TagResource"), "tag", "Cloud Map service");

    public static ActionKind TagEcsService { get; } = new(new("ecs", "TagResource"), "tag", "ECS service");

    public static ActionKind TagTaskDefinition { get; } = new(new("ecs", "TagResource"), "tag", "ECS task definition");

    public override ActionKind Entry => Kind switch
    {
        TaggedResourceKind.AccessPoint => TagAccessPoint,
        TaggedResourceKind.DiscoveryService => TagDiscoveryService,
        TaggedResourceKind.EcsService => TagEcsService,
        TaggedResourceKind.TaskDefinition => TagTaskDefinition,
        _ => throw new InvalidOperationException($"No catalogue entry for tagging a {Kind}."),
    };

    public override string AuditResource => ResourceId;

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            await call.RunAsync(ct => Kind switch
            {
                TaggedResourceKind.AccessPoint => context.Efs.TagResourceAsync(ResourceId, Tags, ct),
                TaggedResourceKind.DiscoveryService => context.ServiceDiscovery.TagResourceAsync(ResourceId, Tags, ct),
                TaggedResourceKind.EcsService or TaggedResourceKind.TaskDefinition => context.Ecs.TagResourceAsync(ResourceId, Tags, ct),
                _ => throw new InvalidOperationException($"No tagging call for a {Kind}."),
            });
            if (Kind == TaggedResourceKind.TaskDefinition)
            {
                context.TaskDefinitions.AddTags(ResourceId, Tags);
            }

            return node;
        });
}

public sealed record DeleteServiceAction(int NodeId, string Cluster, string ServiceName, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("ecs", "DeleteService"), "delete", "ECS service");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => ServiceName;

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            // Always forced (the port's contract): the service still wants its one task; deleting it stops the task.
            await call.RunAsync(ct => context.Ecs.DeleteServiceAsync(Cluster, ServiceName, ct));
            return node with { ServiceArn = null };
        });
}

/// <summary>Cloud Map refuses while instances are registered; that is "not yet", not a failure.</summary>
public sealed record DeleteDiscoveryServiceAction(int NodeId, string ServiceId, string Name, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("servicediscovery", "DeleteService"), "delete", "Cloud Map service");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => Name;

    public override bool IsDeferral(AwsApiException error) => error.Kind == AwsErrorKind.Conflict;

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            await call.RunAsync(ct => context.ServiceDiscovery.DeleteServiceAsync(ServiceId, ct));
            return node with { RegistryArn = null };
        });
}

/// <summary>
/// Creates the cluster's gateway Cloud Map service. Carried by the lowest node's plan; unlike a node's own Cloud Map
/// service it leaves the node's registry untouched, and instances are registered in a later pass, once it is observed.
/// </summary>
public sealed record CreateGatewayServiceAction(int NodeId, DesiredDiscoveryService Gateway, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("servicediscovery", "CreateService"), "create", "Cloud Map gateway service");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => Gateway.Name;

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            var request = Gateway.ToRequest(call.IdempotencyToken);
            await call.RunAsync(ct => context.ServiceDiscovery.CreateServiceAsync(request, ct));
            return node;
        });
}

/// <summary>Puts a ready broker's task address into the gateway name (Cloud Map applies it asynchronously).</summary>
public sealed record RegisterGatewayInstanceAction(int NodeId, string GatewayServiceId, string GatewayName, string Ipv4, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("servicediscovery", "RegisterInstance"), "register", "in the gateway name");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => $"{GatewayName}/{ObservedGateway.InstanceIdOf(NodeId)}";

    protected override string DisplayName => $"{GatewayName} as {ObservedGateway.InstanceIdOf(NodeId)} ({Ipv4})";

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            var request = new RegisterInstanceRequest(
                GatewayServiceId,
                ObservedGateway.InstanceIdOf(NodeId),
                call.IdempotencyToken,
                new Dictionary<string, string> { [ServiceInstance.Ipv4Attribute] = Ipv4 });
            await call.RunAsync(ct => context.ServiceDiscovery.RegisterInstanceAsync(request, ct));
            return node;
        });
}

/// <summary>
/// Takes an instance out of the gateway name: a broker's before it restarts or stops, or one registered by hand.
/// Cloud Map answering that the instance is gone already is "not yet": the next pass observes it gone.
/// </summary>
public sealed record DeregisterGatewayInstanceAction(int NodeId, string GatewayServiceId, string GatewayName, string InstanceId, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("servicediscovery", "DeregisterInstance"), "deregister", "from the gateway name");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => $"{GatewayName}/{InstanceId}";

    protected override string DisplayName => $"{InstanceId} from {GatewayName}";

    public override bool IsDeferral(AwsApiException error) => error.Kind == AwsErrorKind.NotFound;

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            await call.RunAsync(ct => context.ServiceDiscovery.DeregisterInstanceAsync(GatewayServiceId, InstanceId, ct));
            return node;
        });
}

public sealed record DeleteAccessPointAction(int NodeId, string AccessPointId, string RootPath, ChangeReason Reason)
    : NodeAction(NodeId, Reason)
{
    public static ActionKind Catalogue { get; } = new(new("elasticfilesystem", "DeleteAccessPoint"), "delete", "EFS access point");

    public override ActionKind Entry => Catalogue;

    public override string AuditResource => AccessPointId;

    protected override string DisplayName => $"{AccessPointId} ({RootPath})";

    public override Task<NodeContext> ExecuteAsync(IActionContext context, NodeContext node) =>
        context.AuditedAsync(this, async call =>
        {
            await call.RunAsync(ct => context.Efs.DeleteAccessPointAsync(AccessPointId, ct));
            return node with { AccessPointId = null };
        });
}

public enum MembershipDirection
{
    Add,
    Remove,

    /// <summary>More partitions or another replication factor (Zeebe 8.8+), on the same brokers.</summary>
    ScalePartitions,
}

/// <summary>
/// Ask Zeebe for a topology change (PATCH /actuator/cluster) through a running broker: add or remove brokers, or
/// (Zeebe 8.8+) scale partitions, after a dry run. One change at a time; the executor follows it like any other.
/// </summary>
/// <param name="Partitions">The partition layout asked for, for <see cref="MembershipDirection.ScalePartitions"/>.</param>
public sealed record MembershipChange(
    string ClusterName,
    MembershipDirection Direction,
    IReadOnlyList<int> BrokerIds,
    int ViaNodeId,
    ChangeReason? Why = null,
    PartitionScaling? Partitions = null)
    : PlannedAction(Why ?? ReasonOf(Direction))
{
    public static ActionKind AddBrokers { get; } = new(new("zeebe", "AddBrokers"), "add", "Zeebe brokers");

    public static ActionKind RemoveBrokers { get; } = new(new("zeebe", "RemoveBrokers"), "remove", "Zeebe brokers");

    public static ActionKind ScalePartitions { get; } = new(new("zeebe", "ScalePartitions"), "scale", "Zeebe partitions");

    public override ActionKind Entry => Direction switch
    {
        MembershipDirection.Add => AddBrokers,
        MembershipDirection.Remove => RemoveBrokers,
        MembershipDirection.ScalePartitions => ScalePartitions,
        _ => throw new InvalidOperationException($"No catalogue entry for membership direction {Direction}."),
    };

    public override int? Node => null;

    public override string AuditResource => Partitions is null ? $"{ClusterName} brokers {DisplayName}" : $"{ClusterName} partitions";

    /// <summary>How the status names the change, e.g. "add brokers 3,4" or "scale partitions to 6 partitions with replication factor 3".</summary>
    public string Operation => Partitions is null ? $"{Entry.Verb} brokers {DisplayName}" : $"{Entry.Verb} partitions {DisplayName}";

    protected override string DisplayName => Partitions is { } partitions ? $"to {partitions}" : string.Join(",", BrokerIds);

    /// <summary>
    /// Sends the change to the broker at <paramref name="via"/> (the management endpoint of <see cref="ViaNodeId"/>).
    /// A partitions change is first asked for as a dry run: Zeebe's 400 (say a replication factor beyond the brokers)
    /// comes before anything starts.
    /// </summary>
    public Task<ChangeAccepted> RequestAsync(IZeebeClusterApi zeebe, Uri via, IAuditedCall call) =>
        call.RunAsync(async ct => Direction switch
        {
            MembershipDirection.Add => await zeebe.AddBrokersAsync(via, BrokerIds, ct),
            MembershipDirection.Remove => await zeebe.RemoveBrokersAsync(via, BrokerIds, ct),
            MembershipDirection.ScalePartitions => await ScalePartitionsAsync(zeebe, via, Partitions!, ct),
            _ => throw new InvalidOperationException($"No Zeebe call for membership direction {Direction}."),
        });

    private static async Task<ChangeAccepted> ScalePartitionsAsync(IZeebeClusterApi zeebe, Uri via, PartitionScaling partitions, CancellationToken ct)
    {
        await zeebe.ScalePartitionsAsync(via, partitions, dryRun: true, ct);
        return await zeebe.ScalePartitionsAsync(via, partitions, dryRun: false, ct);
    }

    private static ChangeReason ReasonOf(MembershipDirection direction) => direction switch
    {
        MembershipDirection.Add => ChangeReason.ScaleUp,
        MembershipDirection.Remove => ChangeReason.ScaleDown,
        MembershipDirection.ScalePartitions => ChangeReason.ScaleUp,
        _ => throw new InvalidOperationException($"Unknown membership direction {direction}."),
    };
}

/// <summary>Why the operator will not act; the name is the Degraded condition's reason.</summary>
public enum BlockerReason
{
    /// <summary>The spec asks for a change a running cluster cannot make (replication factor, fewer partitions...).</summary>
    TransitionRefused,

    /// <summary>A resource with a node's name lacks the operator's ownership tags.</summary>
    OwnershipConflict,

    /// <summary>The spec would move a broker's data.</summary>
    StorageChangeRefused,

    /// <summary>ECS cannot change a service's launch type in place.</summary>
    LaunchTypeChangeRefused,

    /// <summary>A Zeebe topology change has run past its timeout.</summary>
    TopologyChangeStuck,

    /// <summary>Zeebe reports the operator's topology change failed or cancelled.</summary>
    TopologyChangeFailed,

    /// <summary>Zeebe counts as members brokers that have no ECS service (their data was retained).</summary>
    RetainedMembers,

    /// <summary>The backup <c>spec.backup.beforeUpgrade</c> asks for before a rolling update did not complete.</summary>
    BackupFailed,
}

/// <summary>Why the operator will not act on (part of) the cluster.</summary>
/// <param name="NodeId">The node concerned, or null for the whole cluster.</param>
public sealed record Blocker(int? NodeId, BlockerReason Reason, string Message)
{
    public override string ToString() => NodeId is { } n ? $"node {n}: {Message}" : Message;
}

/// <summary>A change that needs a broker restart and is waiting its turn.</summary>
public sealed record HeldChange(int NodeId, ChangeReason Change, string Until)
{
    public override string ToString() => $"node {NodeId}: {Change} — {Until}";
}

public sealed record NodePlan(int NodeId, NodeContext Start, IReadOnlyList<NodeAction> Actions, string? WaitingFor);

/// <summary>The executable plan of one reconcile.</summary>
/// <param name="Nodes">The spec's nodes, worked on concurrently.</param>
/// <param name="Teardown">Nodes to remove, worked on one at a time, highest node ID first.</param>
/// <param name="Waiting">What the cluster as a whole waits for.</param>
/// <param name="ChangeInProgress">A Zeebe topology change that is running.</param>
/// <param name="Backup">Backups to take and delete, and what a due backup waits for.</param>
public sealed record ExecutionPlan(
    DesiredCluster Desired,
    IReadOnlyList<NodePlan> Nodes,
    IReadOnlyList<NodePlan> Teardown,
    MembershipChange? Membership,
    IReadOnlyList<Blocker> Blockers,
    IReadOnlyList<string> Waiting,
    IReadOnlyList<HeldChange> Held,
    TopologyChange? ChangeInProgress,
    BackupPlan? Backup = null)
{
    public IEnumerable<NodeAction> Actions => Nodes.Concat(Teardown).SelectMany(n => n.Actions);

    public IEnumerable<BackupAction> BackupActions => Backup?.Actions ?? [];

    public bool HasActions => Actions.Any() || Membership is not null || BackupActions.Any();

    public IEnumerable<string> AllWaits =>
        Waiting.Concat(Nodes.Concat(Teardown).Select(n => n.WaitingFor).OfType<string>()).Concat(Backup?.Waiting is { } backup ? [backup] : []);

    public PlanPreview ToPreview() =>
        new(
            Desired.Name,
            [
                .. Nodes.SelectMany(n => n.Actions).Select(a => a.Describe()),
                .. Membership is null ? [] : new[] { Membership.Describe() },
                .. BackupActions.Select(a => a.Describe()),
                .. Teardown.SelectMany(n => n.Actions).Select(a => a.Describe()),
            ],
            [.. Blockers.Select(b => b.ToString())],
            BackupNotes());

    private List<string> BackupNotes()
    {
        var notes = new List<string>();
        if (Backup?.Take is { } take)
        {
            notes.Add($"due now: backup #{take.BackupId} ({take.Trigger})");
        }

        if (Backup?.Waiting is { } waiting)
        {
            notes.Add(waiting);
        }

        if (Backup?.NextDue is { } next)
        {
            notes.Add($"next scheduled backup at {next.UtcDateTime:u}");
        }

        return notes;
    }
}
