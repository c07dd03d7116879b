namespace ZeebeOperator.Core.Audit;

public enum AuditPhase
{
    /// <summary>Written before the call.</summary>
    Intent,
    Succeeded,
    Failed,
}

/// <summary>One entry of a cluster's audit trail; a mutating call writes an intent and then an outcome with the same <see cref="OperationId"/>.</summary>
/// <param name="Action">The AWS operation, e.g. <c>ecs:CreateService</c>.</param>
/// <param name="Resource">The resource's name or id.</param>
/// <param name="Reason">Why the operator acted (e.g. <c>Missing</c>, <c>ImageChanged</c>, <c>Drift</c>).</param>
/// <param name="FencingToken">The leader's fencing token at the time (0 without leader election).</param>
public sealed record AuditRecord(
    string ClusterName,
    string OperationId,
    DateTimeOffset Timestamp,
    long Generation,
    int? NodeId,
    string Action,
    string Resource,
    AuditPhase Phase,
    string Reason,
    string? Detail,
    long FencingToken);
