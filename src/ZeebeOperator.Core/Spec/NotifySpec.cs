using ZeebeOperator.Core.Spec.Model;

namespace ZeebeOperator.Core.Spec;

/// <summary>Notifications about the cluster to subscriber tasks (<c>spec.notify</c>).</summary>
public sealed record NotifySpec(
    [SpecField(Default = true, Description = "False: no event about this cluster is written or sent (subscribers are not told it changed).")]
    bool Enabled,
    [SpecField(
        Optional = true,
        MaxItems = NotifySpecLimits.MaxEcsClusters,
        UniqueItems = true,
        ItemPattern = SpecPatterns.EcsClusterPattern,
        Description = "More ECS clusters (names or ARNs) whose subscriber services are told, besides placement.ecsCluster, which is always looked in.")]
    IReadOnlyList<string> EcsClusters)
{
    /// <summary>The ECS clusters subscribers of a cluster placed in <paramref name="placementEcsCluster"/> are looked for in.</summary>
    public static IReadOnlyList<string> EcsClustersOf(NotifySpec? notify, string placementEcsCluster) =>
        [placementEcsCluster, .. notify?.EcsClusters ?? []];

    /// <summary>Whether events about the cluster are written (leaving <c>spec.notify</c> out opts in).</summary>
    public static bool IsEnabled(NotifySpec? notify) => notify?.Enabled ?? true;
}

public static class NotifySpecLimits
{
    public const int MaxEcsClusters = 10;
}
