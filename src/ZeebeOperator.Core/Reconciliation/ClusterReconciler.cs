using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Reconciliation;

/// <summary>
/// One level-triggered pass over a cluster: read the spec, observe AWS, plan, act, report.
/// It remembers nothing between passes, so it can be run at any time, any number of times.
/// </summary>
public sealed partial class ClusterReconciler(
    ISpecStore specs,
    IClusterStatusStore statuses,
    ClusterStatusCache latest,
    ClusterInspector inspector,
    PlanExecutor executor,
    IFencingTokenSource fencing,
    ThrottlingRetry retry,
    TimeProvider time,
    IOptions<OperatorOptions> options,
    ILogger<ClusterReconciler> logger,
    ClusterPlacements placements,
    NotificationRecorder notifications,
    SubscriberScopes subscriberScopes) : IClusterReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(string clusterName, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginClusterScope(clusterName);
        var previous = await statuses.GetAsync(clusterName, cancellationToken);
        if (previous is not null)
        {
            latest.Record(previous);
        }

        SpecContent content;
        try
        {
            content = await specs.GetAsync(SpecKeys.KeyFor(clusterName), cancellationToken);
        }
        catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
        {
            // Never a teardown: deletion is only ever done when the spec asks for it.
            await ReportSpecProblemAsync(clusterName, null, "SpecMissing",
                $"the spec {SpecKeys.KeyFor(clusterName)} is gone; the cluster's resources are kept as they are. Restore the spec, or request deletion in it.",
                previous, cancellationToken);
            return ReconcileResult.Blocked("spec missing");
        }
        catch (AwsApiException e)
        {
            await ReportSpecProblemAsync(clusterName, null, "SpecUnreadable", $"the spec could not be read: {e.ErrorCode}: {e.ErrorMessage}", previous, cancellationToken);
            return ReconcileResult.Failed($"spec unreadable: {e.ErrorCode}");
        }

        var parsed = SpecParser.Parse(content.Body);
        var errors = parsed.Errors.ToList();
        if (parsed.Document is { } parsedDocument && parsedDocument.Name != clusterName)
        {
            errors.Add(new SpecError(SpecPath.Of(d => d.Metadata.Name), $"must match the spec object's name '{clusterName}' ({content.Key})"));
        }

        if (errors.Count > 0 || parsed.Document is null)
        {
            LogInvalidSpec(clusterName, errors.Count);
            await ReportSpecProblemAsync(clusterName, content.ETag, "InvalidSpec", string.Join("; ", errors), previous, cancellationToken);
            return ReconcileResult.Blocked("invalid spec");
        }

        var document = parsed.Document;
        placements.Record(clusterName, document.Spec.Placement.EcsCluster);
        subscriberScopes.Record(clusterName, NotifySpec.EcsClustersOf(document.Spec.Notify, document.Spec.Placement.EcsCluster));
        Inspection inspection;
        try
        {
            inspection = await inspector.InspectAsync(document, previous, cancellationToken);
        }
        catch (AwsApiException e)
        {
            LogObserveFailed(clusterName, e.ErrorCode, e.ErrorMessage);
            if (!e.IsTransient)
            {
                await ReportSpecProblemAsync(clusterName, content.ETag, "ObserveFailed", $"reading the cluster's resources failed: {e.ErrorCode}: {e.ErrorMessage}", previous, cancellationToken);
            }

            return ReconcileResult.Failed($"observe failed: {e.ErrorCode}");
        }

        var plan = inspection.Plan;
        var execution = await executor.ExecuteAsync(plan, cancellationToken);
        var status = StatusCalculator.FromReconcile(inspection, content.ETag, execution, previous, time.GetUtcNow());
        if (previous is null || !previous.SameAs(status))
        {
            // Before the status: a pass that dies in between finds the same events again (same ids).
            await notifications.RecordAsync(previous, status, clusterOptedIn: NotifySpec.IsEnabled(document.Spec.Notify), cancellationToken);
        }

        await WriteIfChangedAsync(status, previous, cancellationToken);

        if (execution.Failures.Any())
        {
            return ReconcileResult.Failed(string.Join("; ", execution.Failures.Select(f => f.Error!.ErrorCode)));
        }

        var settled = plan.Blockers.Count == 0 && !plan.HasActions && plan.Held.Count == 0 && plan.ChangeInProgress is null && !plan.AllWaits.Any();
        if (settled && (status.IsReady || StatusCalculator.IsDeleted(plan, execution)))
        {
            return plan.Backup?.NextDue is { } due && due > time.GetUtcNow()
                ? ReconcileResult.ConvergedUntil(due - time.GetUtcNow() + TimeSpan.FromSeconds(1))
                : ReconcileResult.Converged();
        }

        if (plan.Blockers.Any(b => b.NodeId is null) && !plan.HasActions)
        {
            return ReconcileResult.Blocked(status.Find(ConditionTypes.Degraded)!.Message);
        }

        if (plan.Held.Count > 0 && !inspection.Context.Window.IsOpen && inspection.Context.Window.NextOpening is { } opening && !plan.HasActions)
        {
            return ReconcileResult.InProgress(opening - time.GetUtcNow() + TimeSpan.FromSeconds(1), "waiting for the maintenance window");
        }

        var progressing = status.Find(ConditionTypes.Progressing)?.Status == ConditionStatus.True;
        return progressing
            ? ReconcileResult.InProgress(options.Value.ProgressRequeueInterval, status.Find(ConditionTypes.Progressing)!.Message)
            : ReconcileResult.Blocked(status.Find(ConditionTypes.Degraded)!.Message);
    }

    private Task ReportSpecProblemAsync(string clusterName, string? etag, string reason, string message, ClusterStatus? previous, CancellationToken cancellationToken) =>
        WriteIfChangedAsync(StatusCalculator.SpecProblem(clusterName, etag, reason, message, previous, time.GetUtcNow()), previous, cancellationToken);

    /// <summary>
    /// Status writes that change nothing are skipped: they would only wake watchers for no reason. A write is fenced
    /// like a mutating call: checked here, and again by the store against the lease itself, atomically with the write,
    /// so a leader deposed during a pause after the check cannot overwrite its successor's status. The status becomes
    /// the cluster's <see cref="ClusterStatusCache">latest</see> unless the store refused it.
    /// </summary>
    private async Task WriteIfChangedAsync(ClusterStatus status, ClusterStatus? previous, CancellationToken cancellationToken)
    {
        if (previous is null || !previous.SameAs(status))
        {
            var token = fencing.CurrentToken;
            fencing.EnsureCurrent(token);
            var fence = fencing.FenceFor(token);
            switch (await retry.RunAsync(ct => statuses.PutAsync(status, fence, ct), cancellationToken, () => fencing.EnsureCurrent(token)))
            {
                case StatusWriteResult.NewerGenerationStored:
                    LogStaleStatus(status.ClusterName, status.ObservedGeneration);
                    return;
                case StatusWriteResult.NotLeader:
                    LogStatusFenced(status.ClusterName, token);
                    throw new LeadershipLostException(token, "the status store refused the write because the lease has moved on");
            }
        }

        latest.Record(status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterName}: the spec is invalid ({ErrorCount} problem(s)); nothing is changed")]
    private partial void LogInvalidSpec(string clusterName, int errorCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterName}: observing failed: {ErrorCode}: {ErrorMessage}")]
    private partial void LogObserveFailed(string clusterName, string errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterName}: status not written: this instance no longer holds the lease with fencing token {FencingToken}; the new leader takes over")]
    private partial void LogStatusFenced(string clusterName, long fencingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterName}: status for generation {Generation} not written, a newer generation's status is stored")]
    private partial void LogStaleStatus(string clusterName, long generation);
}
