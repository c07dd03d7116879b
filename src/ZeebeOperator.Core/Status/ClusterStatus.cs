namespace ZeebeOperator.Core.Status;

public enum ConditionStatus
{
    True,
    False,
    Unknown,
}

/// <summary>A Kubernetes-style condition: a type, a tri-state, a CamelCase reason and a human message.</summary>
public sealed record Condition(
    string Type,
    ConditionStatus Status,
    string Reason,
    string Message,
    DateTimeOffset LastTransitionTime)
{
    /// <summary>Same meaning, ignoring when it last changed.</summary>
    public bool SameAs(Condition other) =>
        Type == other.Type && Status == other.Status && Reason == other.Reason && Message == other.Message;
}

public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";
}

/// <summary>What the operator knows of one broker node.</summary>
public sealed record NodeStatus(
    int NodeId,
    string DnsName,
    string? ServiceName,
    string? ServiceStatus,
    string? TaskDefinitionArn,
    string? RunningTaskArn,
    string? TaskStatus,
    string? AccessPointId,
    string? DiscoveryServiceId,
    bool Ready);

/// <summary>The status record of one cluster.</summary>
/// <param name="ObservedGeneration">The spec generation the operator last acted on.</param>
/// <param name="SpecETag">The ETag of the spec object that generation came from.</param>
public sealed record ClusterStatus(
    string ClusterName,
    long ObservedGeneration,
    string? SpecETag,
    IReadOnlyList<Condition> Conditions,
    IReadOnlyList<NodeStatus> Nodes,
    DateTimeOffset UpdatedAt)
{
    public Condition? Find(string type) => Conditions.FirstOrDefault(c => c.Type == type);

    public bool IsReady => Find(ConditionTypes.Ready)?.Status == ConditionStatus.True;

    /// <summary>True when a write would change nothing a user could see (timestamps aside).</summary>
    public bool SameAs(ClusterStatus other) =>
        ClusterName == other.ClusterName
        && ObservedGeneration == other.ObservedGeneration
        && SpecETag == other.SpecETag
        && Conditions.Count == other.Conditions.Count
        && Conditions.Zip(other.Conditions).All(p => p.First.SameAs(p.Second))
        && Nodes.SequenceEqual(other.Nodes);
}
