namespace ZeebeOperator.Core.Planning;

/// <summary>One human-readable step of a plan, e.g. <c>node 2: create ECS service orders-broker-2</c>.</summary>
public sealed record PlanStep(int? NodeId, string Verb, string ResourceKind, string ResourceName, string Reason)
{
    public override string ToString() =>
        $"{(NodeId is { } n ? $"node {n}" : "cluster")}: {Verb} {ResourceKind} {ResourceName} ({Reason})";
}

/// <summary>What a reconcile would do now, without doing it; <see cref="Blockers"/> are what it refuses to touch.</summary>
/// <param name="Backups">Backups due, pending or waiting, and when the schedule is next due (<c>spec.backup</c>).</param>
public sealed record PlanPreview(string ClusterName, IReadOnlyList<PlanStep> Steps, IReadOnlyList<string> Blockers, IReadOnlyList<string>? Backups = null)
{
    public bool IsEmpty => Steps.Count == 0 && Blockers.Count == 0;
}
