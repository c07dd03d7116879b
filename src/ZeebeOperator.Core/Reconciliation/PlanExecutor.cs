using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Reconciliation;

/// <param name="After">The node's resource ids once the action succeeded (what it created, with AWS's ids).</param>
public sealed record ActionOutcome(NodeAction Action, AwsApiException? Error, NodeContext? After = null)
{
    public bool Succeeded => Error is null;

    public bool Failed => Error is not null;
}

/// <summary>The outcome of the Zeebe membership request, when the plan had one.</summary>
/// <param name="Adopted">
/// The request timed out, and the topology read right after shows a change running: Zeebe accepted the request after
/// the operator gave up, so that change is followed as the operator's own (and never asked for again).
/// </param>
public sealed record MembershipOutcome(MembershipChange Change, ChangeAccepted? Accepted, ZeebeApiException? Error, TopologyChange? Adopted = null);

/// <summary>What came of the plan's backup calls.</summary>
/// <param name="Taken">Zeebe accepted <paramref name="Take"/> (or, after a timed-out request, reports it as running).</param>
/// <param name="HighestKnownId">After a 409, the highest backup id Zeebe lists: the next id must be higher.</param>
/// <param name="Deleted">The backups deleted.</param>
/// <param name="Errors">What failed, for the status.</param>
public sealed record BackupOutcome(TakeBackupAction? Take, bool Taken, long? HighestKnownId, IReadOnlyList<long> Deleted, IReadOnlyList<string> Errors);

public sealed record ExecutionResult(IReadOnlyList<ActionOutcome> Outcomes, MembershipOutcome? Membership = null, BackupOutcome? Backup = null)
{
    public IEnumerable<ActionOutcome> Failures => Outcomes.Where(o => o.Failed);

    public int Applied =>
        Outcomes.Count(o => o.Succeeded)
        + (Membership?.Accepted is null && Membership?.Adopted is null ? 0 : 1)
        + (Backup is { Taken: true } ? 1 : 0) + (Backup?.Deleted.Count ?? 0);
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
    public async Task<ExecutionResult> ExecuteAsync(ExecutionPlan plan, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(options.Value.NodeParallelism);
        var perNode = await Task.WhenAll(plan.Nodes.Select(async node =>
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
        foreach (var node in plan.Teardown)
        {
            outcomes.AddRange(await ExecuteNodeAsync(plan.Desired, node, cancellationToken));
        }

        var backup = await ExecuteBackupsAsync(plan.Desired, plan.Backup, cancellationToken);
        return new ExecutionResult(outcomes, membership, backup);
    }

    private async Task<BackupOutcome?> ExecuteBackupsAsync(DesiredCluster desired, BackupPlan? plan, CancellationToken cancellationToken)
    {
        if (plan is null || !plan.Actions.Any())
        {
            return null;
        }

        var errors = new List<string>();
        var (taken, highest) = plan.Take is { } take ? await TakeBackupAsync(desired, take, errors, cancellationToken) : (false, null);
        var deleted = new List<long>();
        foreach (var delete in plan.Deletes)
        {
            var via = ClusterObserver.ManagementEndpoint(desired.Document, delete.ViaNodeId);
            try
            {
                await AuditedAsync(desired, delete, call => call.RunAsync(ct => zeebe.DeleteBackupAsync(via, delete.Endpoint, delete.BackupId, ct)), null, cancellationToken);
                deleted.Add(delete.BackupId);
                var step = delete.Describe();
                LogActionApplied(desired.Name, step);
            }
            catch (ZeebeApiException e)
            {
                errors.Add($"deleting backup #{delete.BackupId} failed: {e.Kind}: {e.Message}");
                var step = delete.Describe();
                LogMembershipFailed(desired.Name, step, e.Kind, e.Message);
            }
        }

        return new BackupOutcome(plan.Take, taken, highest, deleted, errors);
    }

    /// <summary>
    /// Asks for the backup. A timed-out request may still have started it: Zeebe is asked whether it knows the id. A 409
    /// means an id as high exists (say a status was lost): Zeebe's list says which id to go beyond.
    /// </summary>
    private async Task<(bool Taken, long? HighestKnownId)> TakeBackupAsync(DesiredCluster desired, TakeBackupAction take, List<string> errors, CancellationToken cancellationToken)
    {
        var via = ClusterObserver.ManagementEndpoint(desired.Document, take.ViaNodeId);
        try
        {
            await AuditedAsync(desired, take, call => call.RunAsync(ct => zeebe.TakeBackupAsync(via, take.Endpoint, take.BackupId, ct)), $"backup #{take.BackupId}", cancellationToken);
            var step = take.Describe();
            LogActionApplied(desired.Name, step);
            return (true, null);
        }
        catch (ZeebeApiException e)
        {
            var step = take.Describe();
            LogMembershipFailed(desired.Name, step, e.Kind, e.Message);
            var outcome = await AfterRefusalAsync(take, via, e.Kind, cancellationToken);
            if (!outcome.Taken)
            {
                errors.Add($"taking backup #{take.BackupId} failed: {e.Kind}: {e.Message}");
            }

            return outcome;
        }
    }

    private async Task<(bool Taken, long? HighestKnownId)> AfterRefusalAsync(TakeBackupAction take, Uri via, ZeebeApiErrorKind kind, CancellationToken cancellationToken)
    {
        try
        {
            return kind switch
            {
                ZeebeApiErrorKind.Timeout => ((await zeebe.GetBackupAsync(via, take.Endpoint, take.BackupId, cancellationToken)).State != BackupState.DoesNotExist, null),
                ZeebeApiErrorKind.ChangeInProgress => (false, (await zeebe.ListBackupsAsync(via, take.Endpoint, cancellationToken)).Select(b => (long?)b.BackupId).Max()),
                _ => (false, null),
            };
        }
        catch (ZeebeApiException)
        {
            // No answer either: the next pass decides again from what it reads.
            return (false, null);
        }
    }

    private async Task<MembershipOutcome> RequestMembershipAsync(DesiredCluster desired, MembershipChange change, CancellationToken cancellationToken)
    {
        var step = change.Describe();
        var via = ClusterObserver.ManagementEndpoint(desired.Document, change.ViaNodeId);
        if (await BackupBlockingChangeAsync(desired, via, cancellationToken) is { } blocking)
        {
            LogMembershipFailed(desired.Name, step, blocking.Kind, blocking.Message);
            return new MembershipOutcome(change, null, blocking);
        }

        try
        {
            var accepted = await AuditedAsync(desired, change, call => change.RequestAsync(zeebe, via, call), a => $"change #{a.ChangeId}", cancellationToken);
            LogMembershipRequested(desired.Name, step, accepted.ChangeId);
            return new MembershipOutcome(change, accepted, null);
        }
        catch (ZeebeApiException e)
        {
            LogMembershipFailed(desired.Name, step, e.Kind, e.Message);
            return new MembershipOutcome(change, null, e, e.Kind == ZeebeApiErrorKind.Timeout ? await PendingChangeAsync(desired, via, cancellationToken) : null);
        }
    }

    /// <summary>
    /// Zeebe's own word, right before a topology change is asked for, that no backup runs: the status may not know of
    /// one (a pass that took it can die before writing the status). Without a backup store there is none.
    /// </summary>
    private async Task<ZeebeApiException?> BackupBlockingChangeAsync(DesiredCluster desired, Uri via, CancellationToken cancellationToken)
    {
        if (desired.Document.Spec.Backup is null)
        {
            return null;
        }

        try
        {
            var backups = await zeebe.ListBackupsAsync(via, BackupEndpoints.For(desired.Document.Spec.Image), cancellationToken);
            return backups.FirstOrDefault(b => b.State == BackupState.InProgress) is { } running
                ? new ZeebeApiException(ZeebeApiErrorKind.ChangeInProgress, $"backup #{running.BackupId} is in progress: the topology change waits for it")
                : null;
        }
        catch (ZeebeApiException e) when (e.Kind == ZeebeApiErrorKind.InvalidRequest)
        {
            return null;
        }
        catch (ZeebeApiException e)
        {
            return new ZeebeApiException(e.Kind, $"whether a backup runs could not be read, so the topology change waits: {e.Message}", e);
        }
    }

    /// <summary>The change running now, if the topology can be read: after a timed-out request, it is that request's.</summary>
    private async Task<TopologyChange?> PendingChangeAsync(DesiredCluster desired, Uri via, CancellationToken cancellationToken)
    {
        try
        {
            var pending = (await zeebe.GetTopologyAsync(via, cancellationToken)).PendingChange;
            if (pending is not null)
            {
                LogTimedOutChangeAdopted(desired.Name, pending.Id);
            }

            return pending;
        }
        catch (ZeebeApiException)
        {
            // Still no answer: the next pass reads the topology again before asking for anything.
            return null;
        }
    }

    private async Task<IReadOnlyList<ActionOutcome>> ExecuteNodeAsync(DesiredCluster desired, NodePlan node, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginNodeScope(node.NodeId);
        var actionContext = new ActionContext(this, desired, ecs, serviceDiscovery, efs, taskDefinitions, retry, options.Value.TaskDefinitionRevisionsToKeep, cancellationToken);
        var context = node.Start;
        var outcomes = new List<ActionOutcome>();
        foreach (var action in node.Actions)
        {
            try
            {
                context = await action.ExecuteAsync(actionContext, context);
                outcomes.Add(new ActionOutcome(action, null, After: context));
            }
            catch (AwsApiException e) when (action.IsDeferral(e))
            {
                // AWS said "not yet" (e.g. instances still registered): nothing failed, the next pass tries again.
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

    /// <summary>
    /// The one audited path of every mutation, AWS and Zeebe alike: the intent is recorded before the call, the
    /// outcome after, all under the catalogue's operation name.
    /// </summary>
    /// <param name="call">Gets the intent's idempotency token and runs under its fence.</param>
    /// <param name="succeeded">The detail the success record carries.</param>
    private async Task<T> AuditedAsync<T>(
        DesiredCluster desired,
        PlannedAction action,
        Func<IAuditedCall, Task<T>> call,
        Func<T, string?> succeeded,
        CancellationToken cancellationToken)
    {
        if (!action.Entry.Mutates)
        {
            throw new InvalidOperationException($"{action.Entry.Operation} does not mutate: reads are not audited.");
        }

        var operationId = Guid.NewGuid().ToString("N");
        var token = fencing.CurrentToken;
        AuditRecord Record(AuditPhase phase, string? detail) => new(
            desired.Name,
            operationId,
            time.GetUtcNow(),
            desired.Document.Metadata.Generation,
            action.Node,
            action.Entry.Operation.ToString(),
            action.AuditResource,
            phase,
            action.Reason.ToString(),
            detail,
            token);

        await WriteIntentAsync(Record(AuditPhase.Intent, action.Describe().ToString()), cancellationToken);
        T result;
        try
        {
            // The call gets the intent's fence: a throttled call retried after a backoff must pass it again.
            result = await call(new AuditedCall(IdempotencyToken.ForIntent(operationId), retry, () => fencing.EnsureCurrent(token), cancellationToken));
        }
        catch (Exception e) when (FailureDetail(e) is { } detail)
        {
            await audit.AppendAsync(Record(AuditPhase.Failed, detail), CancellationToken.None);
            throw;
        }

        await audit.AppendAsync(Record(AuditPhase.Succeeded, succeeded(result)), CancellationToken.None);
        return result;
    }

    /// <summary>An audited call that answers nothing; <paramref name="succeeded"/> is the success record's detail.</summary>
    private async Task AuditedAsync(DesiredCluster desired, PlannedAction action, Func<IAuditedCall, Task> call, string? succeeded, CancellationToken cancellationToken) =>
        await AuditedAsync<object?>(desired, action, async audited =>
        {
            await call(audited);
            return null;
        }, _ => succeeded, cancellationToken);

    private static string? FailureDetail(Exception e) => e switch
    {
        AwsApiException aws => $"{aws.ErrorCode}: {aws.ErrorMessage}",
        ZeebeApiException zeebe => $"{zeebe.Kind}: {zeebe.Message}",
        _ => null,
    };

    /// <summary>
    /// No intent on record, no call: the audit trail must never miss a mutation. The fencing token is checked before
    /// the intent and again right before the call, so an instance that stopped leading (or was paused past its renew
    /// deadline) while the intent was written makes no call with its old token.
    /// </summary>
    private async Task WriteIntentAsync(AuditRecord intent, CancellationToken cancellationToken)
    {
        fencing.EnsureCurrent(intent.FencingToken);
        await audit.AppendAsync(intent, cancellationToken);
        fencing.EnsureCurrent(intent.FencingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {ClusterName}: {Step}: Zeebe accepted change #{ChangeId}")]
    private partial void LogMembershipRequested(string clusterName, PlanStep step, long changeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterName}: {Step} failed: {Kind}: {ErrorMessage}")]
    private partial void LogMembershipFailed(string clusterName, PlanStep step, ZeebeApiErrorKind kind, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {ClusterName}: the request timed out, but Zeebe runs change #{ChangeId}: followed as the operator's")]
    private partial void LogTimedOutChangeAdopted(string clusterName, long changeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {ClusterName}: {Step}")]
    private partial void LogActionApplied(string clusterName, PlanStep step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterName}: {Step} failed: {ErrorCode}: {ErrorMessage}")]
    private partial void LogActionFailed(string clusterName, PlanStep step, string errorCode, string errorMessage);

    private sealed class AuditedCall(string idempotencyToken, ThrottlingRetry retry, Action fence, CancellationToken cancellationToken) : IAuditedCall
    {
        public string IdempotencyToken => idempotencyToken;

        public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call) => retry.RunAsync(call, cancellationToken, fence);

        public Task RunAsync(Func<CancellationToken, Task> call) => retry.RunAsync(call, cancellationToken, fence);
    }

    /// <summary>A node action's view of the executor: every mutation goes through the one audited path, then is logged.</summary>
    private sealed class ActionContext(
        PlanExecutor executor,
        DesiredCluster desired,
        IEcsApi ecs,
        IServiceDiscoveryApi serviceDiscovery,
        IElasticFileSystemApi efs,
        TaskDefinitionCache taskDefinitions,
        ThrottlingRetry retry,
        int taskDefinitionRevisionsToKeep,
        CancellationToken cancellationToken) : IActionContext
    {
        public DesiredCluster Desired => desired;

        public IEcsApi Ecs => ecs;

        public IServiceDiscoveryApi ServiceDiscovery => serviceDiscovery;

        public IElasticFileSystemApi Efs => efs;

        public TaskDefinitionCache TaskDefinitions => taskDefinitions;

        public int TaskDefinitionRevisionsToKeep => taskDefinitionRevisionsToKeep;

        public CancellationToken CancellationToken => cancellationToken;

        public Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read) => retry.RunAsync(read, cancellationToken);

        public async Task<T> AuditedAsync<T>(PlannedAction action, Func<IAuditedCall, Task<T>> call)
        {
            var result = await executor.AuditedAsync(desired, action, call, _ => null, cancellationToken);
            var step = action.Describe();
            executor.LogActionApplied(desired.Name, step);
            return result;
        }
    }
}
