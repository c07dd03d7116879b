namespace ZeebeOperator.Core.Spec.Validation;

/// <summary><c>spec.notify</c>: the extra ECS clusters subscribers are looked for in.</summary>
internal static class NotifyRules
{
    private static readonly string EcsClustersPath = SpecPath.Of(d => d.Spec.Notify!.EcsClusters);
    private static readonly string PlacementPath = SpecPath.Of(d => d.Spec.Placement.EcsCluster);

    public static void Check(NotifySpec? notify, string placementEcsCluster, ICollection<SpecError> errors)
    {
        if (notify is null)
        {
            return;
        }

        var clusters = notify.EcsClusters;
        if (clusters.Count > NotifySpecLimits.MaxEcsClusters)
        {
            errors.Add(EcsClustersPath, $"must list at most {NotifySpecLimits.MaxEcsClusters} ECS clusters (has {clusters.Count})");
        }

        var firstIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < clusters.Count; index++)
        {
            var itemPath = SpecPath.Index(EcsClustersPath, index);
            var cluster = clusters[index];
            if (!SpecPatterns.EcsName().IsMatch(cluster) && !SpecPatterns.EcsClusterArn().IsMatch(cluster))
            {
                errors.Add(itemPath, "must be an ECS cluster name (1 to 255 letters, digits, '-' or '_') or an ECS cluster ARN");
            }
            else if (NameOf(cluster) == NameOf(placementEcsCluster))
            {
                errors.Add(itemPath, $"names {PlacementPath} ('{placementEcsCluster}'), where subscribers are always looked for: leave it out");
            }
            else if (!firstIndexByName.TryAdd(NameOf(cluster), index))
            {
                errors.Add(itemPath, $"names the same ECS cluster as {SpecPath.Index(EcsClustersPath, firstIndexByName[NameOf(cluster)])}");
            }
        }
    }

    /// <summary>An ECS cluster's name, whether given by name or by ARN (<c>arn:...:cluster/NAME</c>).</summary>
    private static string NameOf(string ecsCluster) => ecsCluster[(ecsCluster.LastIndexOf('/') + 1)..];
}
