using System.Globalization;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Reconciliation;

/// <summary>Turns one reconcile's view (desired, observed, plan, outcome) into Kubernetes-style conditions. Pure.</summary>
public static class StatusCalculator
{
    public static ClusterStatus FromReconcile(
        DesiredCluster desired,
        string specETag,
        ObservedCluster observed,
        ReconcilePlan plan,
        ExecutionResult execution,
        ClusterStatus? previous,
        DateTimeOffset now)
    {
        var nodes = desired.Nodes.Select(n => NodeStatusOf(n, observed.Node(n.NodeId), plan)).ToList();
        var ready = nodes.Count(n => n.Ready);
        var failures = execution.Failures.ToList();
        var waiting = plan.Nodes.Select(n => n.WaitingFor).OfType<string>().ToList();

        var readyCondition = ready == nodes.Count
            ? new Condition(ConditionTypes.Ready, ConditionStatus.True, "AllBrokersReady", $"{ready}/{nodes.Count} brokers running", now)
            : new Condition(ConditionTypes.Ready, ConditionStatus.False, "BrokersNotReady", $"{ready}/{nodes.Count} brokers running; not ready: {NotReadySummary(nodes)}", now);

        Condition degraded;
        if (plan.Blockers.Count > 0)
        {
            degraded = new Condition(ConditionTypes.Degraded, ConditionStatus.True, plan.Blockers[0].Reason, string.Join("; ", plan.Blockers), now);
        }
        else if (failures.FirstOrDefault(f => !f.Error!.IsTransient) is { } failure)
        {
            degraded = new Condition(ConditionTypes.Degraded, ConditionStatus.True, "AwsCallFailed", FailureMessage(failures), now);
        }
        else
        {
            degraded = new Condition(ConditionTypes.Degraded, ConditionStatus.False, "AsExpected", "no problems found", now);
        }

        Condition progressing;
        if (execution.Applied > 0)
        {
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.True, "Applying", $"applied {execution.Applied} change(s) for generation {desired.Document.Metadata.Generation}", now);
        }
        else if (failures.Count > 0)
        {
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.True, "Retrying", FailureMessage(failures), now);
        }
        else if (waiting.Count > 0)
        {
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.True, "Waiting", string.Join("; ", waiting), now);
        }
        else if (ready < nodes.Count - nodes.Count(n => plan.Blockers.Any(b => b.NodeId == n.NodeId)))
        {
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.True, "WaitingForBrokers", $"waiting for {NotReadySummary(nodes)}", now);
        }
        else
        {
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.False, plan.Blockers.Count > 0 ? "Blocked" : "Converged",
                plan.Blockers.Count > 0 ? "nothing more can be done until the conflicts are resolved" : "all resources match the spec", now);
        }

        return Build(desired.Name, desired.Document.Metadata.Generation, specETag, [readyCondition, progressing, degraded], nodes, previous, now);
    }

    /// <summary>The spec cannot be used: say why, and leave what was applied before (and its status) as it was.</summary>
    public static ClusterStatus SpecProblem(string clusterName, string? specETag, string reason, string message, ClusterStatus? previous, DateTimeOffset now)
    {
        var ready = previous?.Find(ConditionTypes.Ready)
            ?? new Condition(ConditionTypes.Ready, ConditionStatus.Unknown, "NoSpecApplied", "no valid spec has been applied yet", now);
        return Build(
            clusterName,
            previous?.ObservedGeneration ?? 0,
            specETag ?? previous?.SpecETag,
            [
                ready,
                new Condition(ConditionTypes.Progressing, ConditionStatus.False, reason, "waiting for a corrected spec; nothing was changed", now),
                new Condition(ConditionTypes.Degraded, ConditionStatus.True, reason, message, now),
            ],
            previous?.Nodes ?? [],
            previous,
            now);
    }

    private static ClusterStatus Build(
        string clusterName,
        long generation,
        string? specETag,
        IReadOnlyList<Condition> conditions,
        IReadOnlyList<NodeStatus> nodes,
        ClusterStatus? previous,
        DateTimeOffset now)
    {
        // A condition's transition time moves only when its status does.
        var carried = conditions.Select(c => previous?.Find(c.Type) is { } before && before.Status == c.Status
            ? c with { LastTransitionTime = before.LastTransitionTime }
            : c).ToList();
        return new ClusterStatus(clusterName, generation, specETag, carried, nodes, now);
    }

    private static NodeStatus NodeStatusOf(DesiredNode desired, ObservedNode observed, ReconcilePlan plan)
    {
        var service = observed.Service.OwnedResource;
        var task = observed.Task;
        var nodePlan = plan.Nodes.First(n => n.NodeId == desired.NodeId);
        var running = task is { LastStatus: EcsTaskStatus.Running } && task.HealthStatus != "UNHEALTHY";
        var ready = service is { IsActive: true }
            && running
            && task!.TaskDefinitionArn == service.TaskDefinition
            && nodePlan.Actions.Count == 0
            && nodePlan.WaitingFor is null
            && plan.Blockers.All(b => b.NodeId != desired.NodeId);

        return new NodeStatus(
            desired.NodeId,
            desired.DnsName,
            service?.ServiceName,
            service?.Status,
            service?.TaskDefinition,
            task is { LastStatus: EcsTaskStatus.Running } ? task.TaskArn : null,
            task?.LastStatus,
            observed.AccessPoint.OwnedResource?.AccessPointId,
            observed.DiscoveryService.OwnedResource?.Id,
            ready);
    }

    private static string NotReadySummary(IEnumerable<NodeStatus> nodes) =>
        string.Join(", ", nodes.Where(n => !n.Ready).Select(n => string.Create(CultureInfo.InvariantCulture,
            $"node {n.NodeId} ({(n.ServiceName is null ? "no service yet" : n.TaskStatus is null ? "no task yet" : $"task {n.TaskStatus}")})")));

    private static string FailureMessage(IEnumerable<ActionOutcome> failures) =>
        string.Join("; ", failures.Select(f => $"{f.Action.Describe()}: {f.Error!.ErrorCode}: {f.Error.ErrorMessage}"));
}
