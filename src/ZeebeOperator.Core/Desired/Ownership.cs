using System.Globalization;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Desired;

/// <summary>The ownership tags: a resource is ours exactly when it carries them for this cluster and node.</summary>
public static class Ownership
{
    public static IReadOnlyDictionary<string, string> Tags(string clusterName, int nodeId, IReadOnlyDictionary<string, string> labels)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            tags[key] = value;
        }

        tags[TagKeys.Name] = ResourceNames.Broker(clusterName, nodeId);
        tags[TagKeys.ManagedBy] = TagKeys.ManagedByValue;
        tags[TagKeys.Cluster] = clusterName;
        tags[TagKeys.NodeId] = nodeId.ToString(CultureInfo.InvariantCulture);
        return tags;
    }

    /// <summary>The tags of a resource of the whole cluster (the gateway Cloud Map service): no node id.</summary>
    public static IReadOnlyDictionary<string, string> ClusterTags(string clusterName, string name, IReadOnlyDictionary<string, string> labels)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            tags[key] = value;
        }

        tags[TagKeys.Name] = name;
        tags[TagKeys.ManagedBy] = TagKeys.ManagedByValue;
        tags[TagKeys.Cluster] = clusterName;
        return tags;
    }

    public static bool IsClusterResourceOf(IReadOnlyDictionary<string, string> tags, string clusterName) =>
        tags.GetValueOrDefault(TagKeys.ManagedBy) == TagKeys.ManagedByValue
        && tags.GetValueOrDefault(TagKeys.Cluster) == clusterName
        && !tags.ContainsKey(TagKeys.NodeId);

    public static bool IsOwnedBy(IReadOnlyDictionary<string, string> tags, string clusterName, int nodeId) =>
        tags.GetValueOrDefault(TagKeys.ManagedBy) == TagKeys.ManagedByValue
        && tags.GetValueOrDefault(TagKeys.Cluster) == clusterName
        && tags.GetValueOrDefault(TagKeys.NodeId) == nodeId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Tags in <paramref name="desired"/> that <paramref name="actual"/> lacks or holds with another value.</summary>
    public static IReadOnlyDictionary<string, string> Missing(IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> actual) =>
        desired.Where(t => actual.GetValueOrDefault(t.Key) != t.Value).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
}
