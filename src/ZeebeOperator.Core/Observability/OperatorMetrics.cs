using System.Diagnostics;
using System.Diagnostics.Metrics;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Observability;

/// <summary>
/// The operator's instruments on the <see cref="MeterName"/> meter. Recorded by interceptors around the ports and the
/// reconciler (see <see cref="MetricsServiceCollectionExtensions.AddOperatorMetrics"/>), never by business logic.
/// </summary>
public sealed class OperatorMetrics
{
    public const string MeterName = "ZeebeOperator";

    private readonly Counter<long> reconciles;
    private readonly Histogram<double> reconcileDuration;
    private readonly Counter<long> awsCalls;
    private readonly Counter<long> zeebeCalls;
    private readonly Counter<long> actions;
    private readonly Counter<long> events;
    private readonly Counter<long> notifications;

    /// <param name="queue">The control loop's queue; absent in one-shot commands, which then report no queue depth.</param>
    public OperatorMetrics(IMeterFactory meterFactory, ILeadership leadership, WorkQueue? queue = null)
    {
        var meter = meterFactory.Create(MeterName);
        reconciles = meter.CreateCounter<long>(
            "zeebe_operator.reconciles", "{reconcile}", "Reconciles of a cluster, by result.");
        reconcileDuration = meter.CreateHistogram<double>(
            "zeebe_operator.reconcile.duration", "s", "How long one reconcile of a cluster took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        awsCalls = meter.CreateCounter<long>(
            "zeebe_operator.aws.calls", "{call}", "AWS API calls, by service, operation and outcome.");
        zeebeCalls = meter.CreateCounter<long>(
            "zeebe_operator.zeebe.calls", "{call}", "Zeebe management API calls, by operation and outcome.");
        actions = meter.CreateCounter<long>(
            "zeebe_operator.actions", "{action}", "Mutating actions (as audited), by cluster, action and outcome.");
        events = meter.CreateCounter<long>(
            "zeebe_operator.events", "{message}", "Messages taken from the events queue, by kind and outcome.");
        notifications = meter.CreateCounter<long>(
            "zeebe_operator.notifications", "{delivery}", "Notification POSTs to subscriber tasks, by event type and outcome (delivered, rejected, gave_up, retried).");
        meter.CreateObservableGauge(
            "zeebe_operator.leader", () => leadership.IsLeader ? 1 : 0, "{leader}", "1 while this instance is the leader, else 0.");
        if (queue is not null)
        {
            meter.CreateObservableGauge(
                "zeebe_operator.queue.depth", () => ObserveQueue(queue), "{cluster}", "Clusters in the work queue, by state.");
        }
    }

    public void RecordReconcile(string cluster, string result, TimeSpan duration)
    {
        var tags = new TagList { { "cluster", cluster }, { "result", result } };
        reconciles.Add(1, tags);
        reconcileDuration.Record(duration.TotalSeconds, tags);
    }

    public void RecordAwsCall(string service, string operation, string outcome) =>
        awsCalls.Add(1, new TagList { { "service", service }, { "operation", operation }, { "outcome", outcome } });

    public void RecordZeebeCall(string operation, string outcome) =>
        zeebeCalls.Add(1, new TagList { { "operation", operation }, { "outcome", outcome } });

    /// <param name="outcome"><c>delivered</c>, <c>rejected</c> (4xx), <c>gave_up</c> (attempts used up) or <c>retried</c>.</param>
    public void RecordNotification(string type, string outcome) =>
        notifications.Add(1, new TagList { { "type", type }, { "outcome", outcome } });

    /// <param name="kind">The event's kind when understood; <c>unknown</c> or <c>malformed</c> otherwise (a bounded set of tags).</param>
    /// <param name="outcome"><c>enqueued</c> (at least one cluster queued), <c>no_cluster</c>, <c>unknown</c> or <c>malformed</c>.</param>

    public void RecordEvent(string kind, string outcome) =>
        events.Add(1, new TagList { { "kind", kind }, { "outcome", outcome } });

    public void RecordAction(AuditRecord record)
    {
        if (record.Phase == AuditPhase.Intent)
        {
            return;
        }

        actions.Add(1, new TagList
        {
            { "cluster", record.ClusterName },
            { "action", record.Action },
            { "outcome", record.Phase == AuditPhase.Succeeded ? "succeeded" : "failed" },
        });
    }

    private static IEnumerable<Measurement<int>> ObserveQueue(WorkQueue queue) =>
    [
        new(queue.Count, new KeyValuePair<string, object?>("state", "ready")),
        new(queue.DelayedCount, new KeyValuePair<string, object?>("state", "delayed")),
        new(queue.ProcessingCount, new KeyValuePair<string, object?>("state", "processing")),
    ];
}

/// <summary>The values of the <c>outcome</c> and <c>result</c> tags.</summary>
public static class MetricOutcomes
{
    public const string Success = "success";
    public const string Cancelled = "cancelled";
    public const string Error = "error";

    public static string Of(ReconcileOutcome outcome) => outcome switch
    {
        ReconcileOutcome.Converged => "converged",
        ReconcileOutcome.InProgress => "in_progress",
        ReconcileOutcome.Blocked => "blocked",
        _ => "failed",
    };

    public static string Of(AwsErrorKind kind) => kind switch
    {
        AwsErrorKind.NotFound => "not_found",
        AwsErrorKind.AlreadyExists => "already_exists",
        AwsErrorKind.Throttled => "throttled",
        AwsErrorKind.InvalidParameter => "invalid",
        AwsErrorKind.AccessDenied => "access_denied",
        AwsErrorKind.Conflict => "conflict",
        AwsErrorKind.ServiceUnavailable => "server_error",
        _ => "unknown",
    };

    public static string Of(ZeebeApiErrorKind kind) => kind switch
    {
        ZeebeApiErrorKind.ChangeInProgress => "change_in_progress",
        ZeebeApiErrorKind.InvalidRequest => "invalid",
        ZeebeApiErrorKind.NotFound => "not_found",
        ZeebeApiErrorKind.Unreachable => "unreachable",
        ZeebeApiErrorKind.Timeout => "timeout",
        _ => "server_error",
    };

    /// <summary>The outcome of a call that threw: the error kind, <c>cancelled</c>, or <c>error</c> for anything unexpected.</summary>
    public static string Of(Exception exception) => exception switch
    {
        AwsApiException aws => Of(aws.Kind),
        ZeebeApiException zeebe => Of(zeebe.Kind),
        OperationCanceledException => Cancelled,
        _ => Error,
    };
}
