namespace ZeebeOperator.Core.Spec;

/// <summary>
/// One spec object per cluster, named after it: <c>orders.json</c> holds cluster <c>orders</c>.
/// Keys are relative to the store's prefix. Naming the file after the cluster lets the operator
/// attribute a broken or missing spec to its cluster without being able to read it.
/// </summary>
public static class SpecKeys
{
    public const string Extension = ".json";

    public static string KeyFor(string clusterName) => clusterName + Extension;

    /// <summary>The cluster a key belongs to, or null for keys that are not specs (other extensions, folders).</summary>
    public static string? ClusterNameOf(string key)
    {
        if (!key.EndsWith(Extension, StringComparison.Ordinal) || key.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var name = key[..^Extension.Length];
        return name.Length == 0 ? null : name;
    }
}
