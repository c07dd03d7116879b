using System.Globalization;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Reconciliation;

/// <summary>Turns one reconcile's view (desired, observed, plan, outcome) into Kubernetes-style conditions. Pure.</summary>
public static class StatusCalculator
{
    public static ClusterStatus FromReconcile(Inspection inspection, string specETag, ExecutionResult execution, ClusterStatus? previous, DateTimeOffset now)
    {
        var (desired, observed, plan, _) = inspection;
        var generation = desired.Document.Metadata.Generation;
        var topologyChange = TopologyChangeOf(inspection, execution, previous, now);
        var pending = plan.Held.Select(h => h.ToString()).ToList();

        if (desired.Document.Metadata.DeletionRequested)
        {
            return Build(desired.Name, generation, specETag, [.. DeletionConditions(plan, execution, now), DegradedOf(plan, execution, now)],
                [], previous, now, topologyChange, [], RetainedDataOf(inspection));
        }

        var nodes = desired.Nodes.Select(n => KeepLastAddress(
            AfterActions(CarryGatewayRequest(NodeStatusOf(n, observed.Node(n.NodeId), observed.Gateway, plan), previous, now), execution, now),
            previous)).ToList();
        var ready = nodes.Count(n => n.Ready);
        var failures = execution.Failures.ToList();
        var waits = plan.AllWaits.ToList();
        var members = observed.Zeebe.Topology?.Brokers.Where(b => b.State.Kind != MemberStateKind.Left).Select(b => b.Id).ToHashSet();
        var membershipMatches = members is not null && members.SetEquals(desired.NodeIds);

        Condition readyCondition;
        if (ready < nodes.Count)
        {
            var apiDown = members is null && observed.Zeebe.Unavailable is { } why && observed.Nodes.Any(n => n.IsRunning) ? $"; {why}" : string.Empty;
            readyCondition = new Condition(ConditionTypes.Ready, ConditionStatus.False, "BrokersNotReady", $"{ready}/{nodes.Count} brokers running; not ready: {NotReadySummary(nodes)}{apiDown}", now);
        }
        else if (members is null)
        {
            readyCondition = new Condition(ConditionTypes.Ready, ConditionStatus.False, "ClusterApiUnavailable", $"{ready}/{nodes.Count} brokers running, but {observed.Zeebe.Unavailable}", now);
        }
        else if (plan.ChangeInProgress is { } running)
        {
            readyCondition = new Condition(ConditionTypes.Ready, ConditionStatus.False, "TopologyChangeInProgress",
                $"{ready}/{nodes.Count} brokers running; Zeebe is still applying topology change #{running.Id} ({running.PendingOperations.Count} operation(s) left)", now);
        }
        else if (!membershipMatches)
        {
            readyCondition = new Condition(ConditionTypes.Ready, ConditionStatus.False, "ScalingInProgress",
                $"{ready}/{nodes.Count} brokers running; Zeebe cluster members are {string.Join(",", members.Order())}, the spec wants {string.Join(",", desired.NodeIds.Order())}", now);
        }
        else
        {
            readyCondition = new Condition(ConditionTypes.Ready, ConditionStatus.True, "AllBrokersReady", $"{ready}/{nodes.Count} brokers running and members of the Zeebe cluster", now);
        }

        Condition progressing;
        if (execution.Applied > 0)
        {
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.True, "Applying", $"applied {execution.Applied} change(s) for generation {generation}", now);
        }
        else if (failures.Count > 0)
        {
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.True, "Retrying", FailureMessage(failures), now);
        }
        else if (plan.Blockers.Any(b => b.NodeId is null))
        {
            progressing = BlockedProgress(now);
        }
        else if (plan.ChangeInProgress is not null || waits.Count > 0)
        {
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.True, plan.ChangeInProgress is not null ? "TopologyChangeInProgress" : "Waiting", string.Join("; ", waits), now);
        }
        else if (plan.Held.Count > 0)
        {
            var windowClosed = !inspection.Context.Window.IsOpen;
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.True, windowClosed ? "WaitingForMaintenanceWindow" : "RollingUpdate", string.Join("; ", pending), now);
        }
        else if (ready < nodes.Count - nodes.Count(n => plan.Blockers.Any(b => b.NodeId == n.NodeId)) || (members is not null && !membershipMatches && plan.Blockers.Count == 0))
        {
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.True, "WaitingForBrokers", $"waiting for {NotReadySummary(nodes)}", now);
        }
        else if (plan.Blockers.Count > 0)
        {
            progressing = BlockedProgress(now);
        }
        else
        {
            progressing = new Condition(ConditionTypes.Progressing, ConditionStatus.False, "Converged", "all resources match the spec", now);
        }

        return Build(desired.Name, generation, specETag, [readyCondition, progressing, DegradedOf(plan, execution, now)], nodes, previous, now, topologyChange, pending, RetainedDataOf(inspection))
            with { Backups = BackupStatusCalculator.Next(inspection, execution, previous, now) };
    }

    /// <summary>Deletion was requested, and nothing of the cluster's is left to remove, being removed or waited for.</summary>
    public static bool IsDeleted(ExecutionPlan plan, ExecutionResult execution) =>
        plan.Desired.Document.Metadata.DeletionRequested && RemainingToDelete(plan) == 0 && execution.Applied == 0;

    /// <summary>Ready and Progressing while deletion runs, and once it is done.</summary>
    private static Condition[] DeletionConditions(ExecutionPlan plan, ExecutionResult execution, DateTimeOffset now) =>
        IsDeleted(plan, execution)
            ?
            [
                new Condition(ConditionTypes.Ready, ConditionStatus.False, "Deleted", "the cluster's services are deleted", now),
                new Condition(ConditionTypes.Progressing, ConditionStatus.False, "Deleted",
                    plan.Desired.Document.Spec.Storage.Retention == DataRetention.Retain
                        ? "deleted; access points (the brokers' data) are retained as spec.storage.retention says"
                        : "deleted, data included",
                    now),
            ]
            :
            [
                new Condition(ConditionTypes.Ready, ConditionStatus.False, "Deleting", "deletion in progress", now),
                new Condition(ConditionTypes.Progressing, ConditionStatus.True, "Deleting", $"{RemainingToDelete(plan)} node(s) left to remove", now),
            ];

    private static Condition BlockedProgress(DateTimeOffset now) =>
        new(ConditionTypes.Progressing, ConditionStatus.False, "Blocked", "nothing more can be done until the problems are resolved", now);

    private static int RemainingToDelete(ExecutionPlan plan) => plan.Teardown.Count(n => n.Actions.Count > 0 || n.WaitingFor is not null);

    private static Condition DegradedOf(ExecutionPlan plan, ExecutionResult execution, DateTimeOffset now)
    {
        var failures = execution.Failures.ToList();
        if (plan.Blockers.Count > 0)
        {
            return new Condition(ConditionTypes.Degraded, ConditionStatus.True, plan.Blockers[0].Reason.ToString(), string.Join("; ", plan.Blockers), now);
        }

        if (failures.Any(f => !f.Error!.IsTransient))
        {
            return new Condition(ConditionTypes.Degraded, ConditionStatus.True, "AwsCallFailed", FailureMessage(failures), now);
        }

        if (execution.Membership is { Adopted: null, Error: { Kind: not ZeebeApiErrorKind.ChangeInProgress and not ZeebeApiErrorKind.Unreachable and not ZeebeApiErrorKind.Timeout } error } membership)
        {
            return new Condition(ConditionTypes.Degraded, ConditionStatus.True, "TopologyChangeRejected", $"{membership.Change.Describe()}: {error.Message}", now);
        }

        return new Condition(ConditionTypes.Degraded, ConditionStatus.False, "AsExpected", "no problems found", now);
    }

    /// <summary>
    /// The change the operator follows: the one it just asked for (or, when the request timed out, the one Zeebe runs
    /// anyway), else the recorded one as Zeebe reports it now. A change running that the status does not know is
    /// adopted, so its running time counts from the first pass that saw it. A recorded change Zeebe no longer reports
    /// (later changes overtook it) is resolved from the topology: did the members become what it led to?
    /// </summary>
    private static TopologyChangeStatus? TopologyChangeOf(Inspection inspection, ExecutionResult execution, ClusterStatus? previous, DateTimeOffset now)
    {
        var desired = inspection.Desired;
        var generation = desired.Document.Metadata.Generation;
        if (execution.Membership is { } membership && (membership.Accepted is not null || membership.Adopted is not null))
        {
            var operation = membership.Change.Operation;
            return membership.Accepted is { } accepted
                ? new TopologyChangeStatus(accepted.ChangeId, operation, "IN_PROGRESS", 0, accepted.PlannedOperations.Count, generation, now, Members(accepted.ExpectedBrokerIds))
                : new TopologyChangeStatus(membership.Adopted!.Id, operation, "IN_PROGRESS", membership.Adopted.CompletedOperations, membership.Adopted.PendingOperations.Count, generation, now, Members(desired.NodeIds));
        }

        var recorded = previous?.TopologyChange;
        if (inspection.Observed.Zeebe.Topology is not { } topology)
        {
            return recorded;
        }

        if (topology.PendingChange is { } pending)
        {
            return pending.Id == recorded?.Id
                ? recorded with
                {
                    Status = "IN_PROGRESS",
                    CompletedOperations = pending.CompletedOperations,
                    PendingOperations = pending.PendingOperations.Count,
                    RunningSince = recorded.RunningSince ?? now,
                }
                : new TopologyChangeStatus(pending.Id, "a change the operator did not ask for in this generation", "IN_PROGRESS",
                    pending.CompletedOperations, pending.PendingOperations.Count, generation, now);
        }

        if (recorded is null)
        {
            return null;
        }

        if (topology.LastChange is { } last && last.Id == recorded.Id)
        {
            return last.Status == ChangeStatus.Completed
                ? recorded with { Status = StatusName(last.Status), CompletedOperations = recorded.CompletedOperations + recorded.PendingOperations, PendingOperations = 0 }
                : recorded with { Status = StatusName(last.Status) };
        }

        if (recorded.Status == "IN_PROGRESS" && topology.LastChange?.Id > recorded.Id)
        {
            var members = Members(topology.Brokers.Where(b => b.State.Kind != MemberStateKind.Left).Select(b => b.Id));
            return recorded.ExpectedMembers == members
                ? recorded with { Status = "COMPLETED", CompletedOperations = recorded.CompletedOperations + recorded.PendingOperations, PendingOperations = 0 }
                : recorded with { Status = "SUPERSEDED" };
        }

        return recorded;
    }

    private static string Members(IEnumerable<int> brokerIds) => string.Join(",", brokerIds.Order());

    private static string StatusName(ChangeStatus status) => status switch
    {
        ChangeStatus.InProgress => "IN_PROGRESS",
        ChangeStatus.Completed => "COMPLETED",
        ChangeStatus.Failed => "FAILED",
        ChangeStatus.Cancelled => "CANCELLED",
        _ => throw new InvalidOperationException($"Unknown topology change status {status}."),
    };

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
            now,
            previous?.TopologyChange,
            previous?.Pending ?? [],
            previous?.RetainedData);
    }

    /// <summary>
    /// The access points kept for nodes that are not part of the cluster: every one of a deleted cluster, and those of
    /// nodes above <c>clusterSize</c> that hold nothing else, while retention is Retain.
    /// </summary>
    private static List<RetainedAccessPoint>? RetainedDataOf(Inspection inspection)
    {
        var desired = inspection.Desired;
        if (desired.Document.Spec.Storage.Retention != DataRetention.Retain)
        {
            return null;
        }

        var deleting = desired.Document.Metadata.DeletionRequested;
        var retained = inspection.Observed.Nodes
            .Where(n => deleting ? n.AccessPoint.Presence == Presence.Owned : Planner.IsRetainedData(desired, n))
            .Select(n => (n.NodeId, AccessPoint: n.AccessPoint.OwnedResource!))
            .OrderBy(r => r.NodeId)
            .Select(r => new RetainedAccessPoint(r.NodeId, r.AccessPoint.AccessPointId, r.AccessPoint.FileSystemId, r.AccessPoint.RootPath))
            .ToList();
        return retained.Count > 0 ? retained : null;
    }

    private static ClusterStatus Build(
        string clusterName,
        long generation,
        string? specETag,
        IReadOnlyList<Condition> conditions,
        IReadOnlyList<NodeStatus> nodes,
        ClusterStatus? previous,
        DateTimeOffset now,
        TopologyChangeStatus? topologyChange,
        IReadOnlyList<string> pending,
        IReadOnlyList<RetainedAccessPoint>? retained)
    {
        // A condition's transition time moves only when its status does.
        var carried = conditions.Select(c => previous?.Find(c.Type) is { } before && before.Status == c.Status
            ? c with { LastTransitionTime = before.LastTransitionTime }
            : c).ToList();
        return new ClusterStatus(clusterName, generation, specETag, carried, nodes, now, topologyChange, pending, retained, previous?.Backups);
    }

    private static NodeStatus NodeStatusOf(DesiredNode desired, ObservedNode observed, ObservedGateway? gateway, ExecutionPlan plan)
    {
        var service = observed.Service.OwnedResource;
        var task = observed.Task;
        // A plan refused as a whole (a transition the running cluster cannot make) plans no node.
        var nodePlan = plan.Nodes.FirstOrDefault(n => n.NodeId == desired.NodeId);
        var ready = observed.IsRunning
            && nodePlan is not { Actions.Count: > 0 }
            && nodePlan?.WaitingFor is null
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
            ready,
            service is null ? null : TargetGroupsOf(service.LoadBalancers),
            task?.PrivateIpv4Address is { } address && gateway?.InstanceOf(desired.NodeId)?.Ipv4 == address,
            Address: task is { LastStatus: EcsTaskStatus.Running } ? task.PrivateIpv4Address : null);
    }

    /// <summary>While no task runs, a node keeps the address its last task had: a replacement is told apart by it.</summary>
    private static NodeStatus KeepLastAddress(NodeStatus node, ClusterStatus? previous) =>
        node.Address is null && previous?.Nodes.FirstOrDefault(p => p.NodeId == node.NodeId)?.Address is { } last ? node with { Address = last } : node;

    private static IReadOnlyList<string>? TargetGroupsOf(IReadOnlyList<LoadBalancer> loadBalancers) =>
        loadBalancers.Count == 0 ? null : [.. loadBalancers.Select(l => l.TargetGroupArn).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The node as this pass left it: what it observed, updated with what its successful actions created or changed
    /// (with the ids AWS returned), so the status written after acting is not one pass behind. No extra reads.
    /// </summary>
    /// <summary>A (de)registration Cloud Map is still applying keeps what the operator asked for, and when.</summary>
    private static NodeStatus CarryGatewayRequest(NodeStatus observed, ClusterStatus? previous, DateTimeOffset now) =>
        previous?.Nodes.FirstOrDefault(n => n.NodeId == observed.NodeId) is { } before
        && before.GatewayRequestPending(observed.RunningTaskArn, now, Planner.CloudMapOperationGrace)
        && before.InGateway != observed.InGateway
            ? observed with { InGateway = before.InGateway, GatewayRequestedAt = before.GatewayRequestedAt }
            : observed;

    private static NodeStatus AfterActions(NodeStatus observed, ExecutionResult execution, DateTimeOffset now)
    {
        var status = observed;
        foreach (var outcome in execution.Outcomes.Where(o => o.Succeeded && o.Action.NodeId == observed.NodeId))
        {
            status = (outcome.Action, outcome.After) switch
            {
                (CreateAccessPointAction, { AccessPointId: { } created }) => status with { AccessPointId = created },
                (CreateDiscoveryServiceAction, { RegistryArn: { } created }) => status with { DiscoveryServiceId = DiscoveryService.IdOf(created) },
                (CreateServiceAction create, { } after) => status with
                {
                    ServiceName = create.Service.ServiceName,
                    ServiceStatus = EcsServiceStatus.Active,
                    TaskDefinitionArn = after.TaskDefinitionArn,
                    TargetGroups = TargetGroupsOf(create.Service.LoadBalancers),
                },
                (UpdateServiceAction update, { } after) => status with
                {
                    TaskDefinitionArn = update.UseRegisteredTaskDefinition ? after.TaskDefinitionArn : status.TaskDefinitionArn,
                    TargetGroups = update.Request.LoadBalancers is { } loadBalancers ? TargetGroupsOf(loadBalancers) : status.TargetGroups,
                },
                (RegisterGatewayInstanceAction, _) => status with { InGateway = true, GatewayRequestedAt = now },
                (DeregisterGatewayInstanceAction leave, _) when leave.InstanceId == ObservedGateway.InstanceIdOf(status.NodeId) => status with { InGateway = false, GatewayRequestedAt = now },
                _ => status,
            };
        }

        return status;
    }

    private static string NotReadySummary(IEnumerable<NodeStatus> nodes) =>
        string.Join(", ", nodes.Where(n => !n.Ready).Select(n => string.Create(CultureInfo.InvariantCulture,
            $"node {n.NodeId} ({(n.ServiceName is null ? "no service yet" : n.TaskStatus is null ? "no task yet" : $"task {n.TaskStatus}")})")));

    private static string FailureMessage(IEnumerable<ActionOutcome> failures) =>
        string.Join("; ", failures.Select(f => $"{f.Action.Describe()}: {f.Error!.ErrorCode}: {f.Error.ErrorMessage}"));
}
