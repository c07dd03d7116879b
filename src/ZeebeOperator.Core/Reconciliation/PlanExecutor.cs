using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Reconciliation;

/// <param name="Deferred">AWS said "not yet" (e.g. instances still registered); the next pass tries again.</param>
/// <param name="After">The node's resource ids once the action succeeded (what it created, with AWS's ids).</param>
public sealed record ActionOutcome(NodeAction Action, AwsApiException? Error, bool Deferred = false, NodeContext? After = null)
{
    public bool Succeeded => Error is null && !Deferred;

    public bool Failed => Error is not null && !Deferred;
}

/// <summary>The outcome of the Zeebe membership request, when the plan had one.</summary>
public sealed record MembershipOutcome(MembershipChange Change, ChangeAccepted? Accepted, ZeebeApiException? Error);

public sealed record ExecutionResult(IReadOnlyList<ActionOutcome> Outcomes, MembershipOutcome? Membership = null)
{
    public static ExecutionResult Nothing { get; } = new([]);

    public IEnumerable<ActionOutcome> Failures => Outcomes.Where(o => o.Failed);

    public int Applied => Outcomes.Count(o => o.Succeeded) + (Membership?.Accepted is null ? 0 : 1);
}

/// <summary>
/// Runs a plan: each node's steps in order (a failed step ends that node's turn), different nodes concurrently
/// within <see cref="OperatorOptions.NodeParallelism"/>. Every mutating call is audited before and after.
/// </summary>
public sealed partial class PlanExecutor(
    IEcsApi ecs,
    IZeebeClusterApi zeebe,
    IServiceDiscoveryApi serviceDiscovery,
    IElasticFileSystemApi efs,
    IAuditLog audit,
    IFencingTokenSource fencing,
    ThrottlingRetry retry,
    TaskDefinitionCache taskDefinitions,
    TimeProvider time,
    IOptions<OperatorOptions> options,
    ILogger<PlanExecutor> logger)
{
    public async Task<ExecutionResult> ExecuteAsync(ReconcilePlan plan, CancellationToken cancellationToken)
    {
        if (!plan.HasActions)
        {
            return ExecutionResult.Nothing;
        }

        using var gate = new SemaphoreSlim(Math.Max(1, options.Value.NodeParallelism));
        var perNode = await Task.WhenAll(plan.Nodes.Where(n => n.Actions.Count > 0).Select(async node =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await ExecuteNodeAsync(plan.Desired, node, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        var outcomes = perNode.SelectMany(o => o).ToList();
        var membership = plan.Membership is { } change ? await RequestMembershipAsync(plan.Desired, change, cancellationToken) : null;

        // Removal is ordered: highest node ID first, one node at a time.
        foreach (var node in plan.Teardown.Where(n => n.Actions.Count > 0))
        {
            outcomes.AddRange(await ExecuteNodeAsync(plan.Desired, node, cancellationToken));
        }

        return new ExecutionResult(outcomes, membership);
    }

    private async Task<MembershipOutcome> RequestMembershipAsync(DesiredCluster desired, MembershipChange change, CancellationToken cancellationToken)
    {
        var operationId = Guid.NewGuid().ToString("N");
        var step = change.Describe();
        var action = change.Direction == MembershipDirection.Add ? "zeebe:AddBrokers" : "zeebe:RemoveBrokers";
        var resource = $"{desired.Name} brokers {string.Join(",", change.BrokerIds)}";
        var token = fencing.CurrentToken;
        AuditRecord Record(AuditPhase phase, string? detail) => new(
            desired.Name, operationId, time.GetUtcNow(), desired.Document.Metadata.Generation, null, action, resource, phase, step.Reason, detail, token);

        await WriteIntentAsync(Record(AuditPhase.Intent, step.ToString()), cancellationToken);
        var endpoint = ClusterObserver.ManagementEndpoint(desired.Document, change.ViaNodeId);
        try
        {
            var accepted = change.Direction == MembershipDirection.Add
                ? await zeebe.AddBrokersAsync(endpoint, change.BrokerIds, cancellationToken)
                : await zeebe.RemoveBrokersAsync(endpoint, change.BrokerIds, cancellationToken);
            await audit.AppendAsync(Record(AuditPhase.Succeeded, $"change #{accepted.ChangeId}"), CancellationToken.None);
            LogMembershipRequested(desired.Name, step, accepted.ChangeId);
            return new MembershipOutcome(change, accepted, null);
        }
        catch (ZeebeApiException e)
        {
            await audit.AppendAsync(Record(AuditPhase.Failed, $"{e.Kind}: {e.Message}"), CancellationToken.None);
            LogMembershipFailed(desired.Name, step, e.Kind, e.Message);
            return new MembershipOutcome(change, null, e);
        }
    }

    private async Task<IReadOnlyList<ActionOutcome>> ExecuteNodeAsync(DesiredCluster desired, NodePlan node, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginNodeScope(node.NodeId);
        var context = node.Start;
        var outcomes = new List<ActionOutcome>();
        foreach (var action in node.Actions)
        {
            try
            {
                context = await ApplyAsync(desired, action, context, cancellationToken);
                outcomes.Add(new ActionOutcome(action, null, After: context));
            }
            catch (AwsApiException e) when (action is DeleteDiscoveryServiceAction && e.Kind == AwsErrorKind.Conflict)
            {
                outcomes.Add(new ActionOutcome(action, e, Deferred: true));
                break;
            }
            catch (AwsApiException e)
            {
                LogActionFailed(desired.Name, action.Describe(), e.ErrorCode, e.ErrorMessage);
                outcomes.Add(new ActionOutcome(action, e));
                break;
            }
        }

        return outcomes;
    }

    private Task<NodeContext> ApplyAsync(DesiredCluster desired, NodeAction action, NodeContext context, CancellationToken cancellationToken)
    {
        return action switch
        {
            CreateAccessPointAction create => AuditedAsync(desired, create, "elasticfilesystem:CreateAccessPoint", create.AccessPoint.RootPath, async (token, fence) =>
            {
                var request = create.AccessPoint.ToRequest(token);
                var created = await retry.RunAsync(ct => efs.CreateAccessPointAsync(request, ct), cancellationToken, fence);
                return context with { AccessPointId = created.AccessPointId };
            }, cancellationToken),

            CreateDiscoveryServiceAction create => AuditedAsync(desired, create, "servicediscovery:CreateService", create.DiscoveryService.Name, async (token, fence) =>
            {
                var request = create.DiscoveryService.ToRequest(token);
                var created = await retry.RunAsync(ct => serviceDiscovery.CreateServiceAsync(request, ct), cancellationToken, fence);
                return context with { RegistryArn = created.Arn };
            }, cancellationToken),

            RegisterTaskDefinitionAction register => RegisterAsync(desired, register, context, cancellationToken),

            PruneTaskDefinitionsAction prune => PruneAsync(desired, prune, context, cancellationToken),

            CreateServiceAction create => AuditedAsync(desired, create, "ecs:CreateService", create.Service.ServiceName, async (token, fence) =>
            {
                var request = create.Service.ToCreateRequest(
                    token,
                    context.TaskDefinitionArn ?? throw MissingStep(create, "task definition"),
                    context.RegistryArn ?? throw MissingStep(create, "Cloud Map service"));
                var created = await retry.RunAsync(ct => ecs.CreateServiceAsync(request, ct), cancellationToken, fence);
                return context with { ServiceArn = created.ServiceArn };
            }, cancellationToken),

            UpdateServiceAction update => AuditedAsync(desired, update, "ecs:UpdateService", update.Request.Service, async fence =>
            {
                var request = update.Request with
                {
                    TaskDefinition = update.UseRegisteredTaskDefinition ? context.TaskDefinitionArn ?? throw MissingStep(update, "task definition") : null,
                    ServiceRegistries = update.SetServiceRegistry ? [new ServiceRegistry(context.RegistryArn ?? throw MissingStep(update, "Cloud Map service"))] : null,
                };
                await retry.RunAsync(ct => ecs.UpdateServiceAsync(request, ct), cancellationToken, fence);
                return context;
            }, cancellationToken),

            TagResourceAction tag => AuditedAsync(desired, tag, TagOperation(tag.Kind), tag.ResourceId, async fence =>
            {
                await retry.RunAsync(ct => tag.Kind switch
                {
                    TaggedResourceKind.AccessPoint => efs.TagResourceAsync(tag.ResourceId, tag.Tags, ct),
                    TaggedResourceKind.DiscoveryService => serviceDiscovery.TagResourceAsync(tag.ResourceId, tag.Tags, ct),
                    _ => ecs.TagResourceAsync(tag.ResourceId, tag.Tags, ct),
                }, cancellationToken, fence);
                if (tag.Kind == TaggedResourceKind.TaskDefinition)
                {
                    taskDefinitions.AddTags(tag.ResourceId, tag.Tags);
                }

                return context;
            }, cancellationToken),

            DeleteServiceAction delete => AuditedAsync(desired, delete, "ecs:DeleteService", delete.ServiceName, async fence =>
            {
                await retry.RunAsync(ct => ecs.DeleteServiceAsync(delete.Cluster, delete.ServiceName, ct), cancellationToken, fence);
                return context with { ServiceArn = null };
            }, cancellationToken),

            DeleteDiscoveryServiceAction delete => AuditedAsync(desired, delete, "servicediscovery:DeleteService", delete.Name, async fence =>
            {
                await retry.RunAsync(ct => serviceDiscovery.DeleteServiceAsync(delete.ServiceId, ct), cancellationToken, fence);
                return context with { RegistryArn = null };
            }, cancellationToken),

            DeleteAccessPointAction delete => AuditedAsync(desired, delete, "elasticfilesystem:DeleteAccessPoint", delete.AccessPointId, async fence =>
            {
                await retry.RunAsync(ct => efs.DeleteAccessPointAsync(delete.AccessPointId, ct), cancellationToken, fence);
                return context with { AccessPointId = null };
            }, cancellationToken),

            _ => throw new InvalidOperationException($"No executor for {action.GetType().Name}."),
        };
    }

    private async Task<NodeContext> RegisterAsync(DesiredCluster desired, RegisterTaskDefinitionAction register, NodeContext context, CancellationToken cancellationToken)
    {
        var request = register.Definition.For(context.AccessPointId ?? throw MissingStep(register, "access point"));

        // A crash between registering and pointing the service at it leaves the revision behind: reuse it.
        var latest = await LatestRevisionAsync(register.Family, cancellationToken);
        if (latest is not null && latest.Definition.Tags.GetValueOrDefault(TagKeys.ConfigHash) == request.Tags[TagKeys.ConfigHash])
        {
            return context with { TaskDefinitionArn = latest.Arn };
        }

        return await AuditedAsync(desired, register, "ecs:RegisterTaskDefinition", register.Family, async fence =>
        {
            var registered = await retry.RunAsync(ct => ecs.RegisterTaskDefinitionAsync(request, ct), cancellationToken, fence);
            return context with { TaskDefinitionArn = registered.Arn };
        }, cancellationToken);
    }

    /// <summary>
    /// Deregisters the family's ACTIVE revisions that nothing uses and that are not among the newest kept for
    /// rollback, oldest first, and only those whose tags say they are this node's.
    /// </summary>
    private async Task<NodeContext> PruneAsync(DesiredCluster desired, PruneTaskDefinitionsAction prune, NodeContext context, CancellationToken cancellationToken)
    {
        // A node that goes keeps nothing: a task still stopping runs on to its end on a deregistered revision.
        var inUse = prune.KeepNewest
            ? prune.InUse.Append(context.TaskDefinitionArn).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        var active = await retry.RunAsync(ct => ecs.ListTaskDefinitionsAsync(prune.Family, ct), cancellationToken);
        var unused = active
            .Select(TaskDefinitionArn.TryParse)
            .OfType<TaskDefinitionArn>()
            .Where(r => r.Family == prune.Family)
            .OrderByDescending(r => r.Revision)
            .Skip(prune.KeepNewest ? options.Value.TaskDefinitionRevisionsToKeep : 0)
            .Where(r => !inUse.Contains(r.Arn))
            .Reverse();
        foreach (var revision in unused)
        {
            if (await OwnedRevisionAsync(desired.Name, prune.NodeId, revision.Arn, cancellationToken) is not { } owned)
            {
                continue;
            }

            var deregister = new DeregisterTaskDefinitionAction(prune.NodeId, revision.Arn, prune.Reason);
            await AuditedAsync(desired, deregister, "ecs:DeregisterTaskDefinition", revision.Arn, async fence =>
            {
                var inactive = await retry.RunAsync(ct => ecs.DeregisterTaskDefinitionAsync(revision.Arn, ct), cancellationToken, fence);
                taskDefinitions.Set(owned with { Status = inactive.Status });
                return context;
            }, cancellationToken);
        }

        return context;
    }

    /// <summary>The revision, when its ownership tags name this cluster and node; described once, then cached.</summary>
    private async Task<TaskDefinition?> OwnedRevisionAsync(string clusterName, int nodeId, string arn, CancellationToken cancellationToken)
    {
        var definition = taskDefinitions.Get(arn);
        if (definition is null)
        {
            try
            {
                definition = await retry.RunAsync(ct => ecs.DescribeTaskDefinitionAsync(arn, ct), cancellationToken);
                taskDefinitions.Set(definition);
            }
            catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                return null;
            }
        }

        return Ownership.IsOwnedBy(definition.Definition.Tags, clusterName, nodeId) ? definition : null;
    }

    private async Task<TaskDefinition?> LatestRevisionAsync(string family, CancellationToken cancellationToken)
    {
        try
        {
            return await retry.RunAsync(ct => ecs.DescribeTaskDefinitionAsync(family, ct), cancellationToken);
        }
        catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
        {
            return null;
        }
    }

    private Task<NodeContext> AuditedAsync(
        DesiredCluster desired,
        NodeAction action,
        string operation,
        string resource,
        Func<Action, Task<NodeContext>> call,
        CancellationToken cancellationToken) =>
        AuditedAsync(desired, action, operation, resource, (_, fence) => call(fence), cancellationToken);

    /// <param name="call">
    /// Gets the intent's idempotency token (<see cref="IdempotencyToken.ForIntent"/>: every retry of this call
    /// repeats it, the next intent gets another) and its fence.
    /// </param>
    private async Task<NodeContext> AuditedAsync(
        DesiredCluster desired,
        NodeAction action,
        string operation,
        string resource,
        Func<string, Action, Task<NodeContext>> call,
        CancellationToken cancellationToken)
    {
        var operationId = Guid.NewGuid().ToString("N");
        var step = action.Describe();
        var token = fencing.CurrentToken;
        AuditRecord Record(AuditPhase phase, string? detail) => new(
            desired.Name,
            operationId,
            time.GetUtcNow(),
            desired.Document.Metadata.Generation,
            action.NodeId,
            operation,
            resource,
            phase,
            action.Reason,
            detail,
            token);

        await WriteIntentAsync(Record(AuditPhase.Intent, step.ToString()), cancellationToken);
        NodeContext result;
        try
        {
            // The call gets the intent's fence: a throttled call retried after a backoff must pass it again.
            result = await call(IdempotencyToken.ForIntent(operationId), () => fencing.EnsureCurrent(token));
        }
        catch (AwsApiException e)
        {
            await audit.AppendAsync(Record(AuditPhase.Failed, $"{e.ErrorCode}: {e.ErrorMessage}"), CancellationToken.None);
            throw;
        }

        await audit.AppendAsync(Record(AuditPhase.Succeeded, null), CancellationToken.None);
        LogActionApplied(desired.Name, step);
        return result;
    }

    /// <summary>
    /// No intent on record, no call: the audit trail must never miss a mutation. The fencing token is checked before
    /// the intent and again right before the call, so an instance that stopped leading (or was paused past its renew
    /// deadline) while the intent was written makes no call with its old token.
    /// </summary>
    private async Task WriteIntentAsync(AuditRecord intent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        fencing.EnsureCurrent(intent.FencingToken);
        await audit.AppendAsync(intent, cancellationToken);
        fencing.EnsureCurrent(intent.FencingToken);
    }

    private static string TagOperation(TaggedResourceKind kind) => kind switch
    {
        TaggedResourceKind.AccessPoint => "elasticfilesystem:TagResource",
        TaggedResourceKind.DiscoveryService => "servicediscovery:TagResource",
        _ => "ecs:TagResource",
    };

    private static InvalidOperationException MissingStep(NodeAction action, string what) =>
        new($"Node {action.NodeId}: {action.GetType().Name} needs the {what}, which neither exists nor was created by an earlier step.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {ClusterName}: {Step}: Zeebe accepted change #{ChangeId}")]
    private partial void LogMembershipRequested(string clusterName, PlanStep step, long changeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterName}: {Step} failed: {Kind}: {ErrorMessage}")]
    private partial void LogMembershipFailed(string clusterName, PlanStep step, ZeebeApiErrorKind kind, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {ClusterName}: {Step}")]
    private partial void LogActionApplied(string clusterName, PlanStep step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterName}: {Step} failed: {ErrorCode}: {ErrorMessage}")]
    private partial void LogActionFailed(string clusterName, PlanStep step, string errorCode, string errorMessage);
}
