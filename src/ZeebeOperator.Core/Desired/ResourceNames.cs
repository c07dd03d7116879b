using System.Globalization;

namespace ZeebeOperator.Core.Desired;

/// <summary>How a cluster's resources are named: every per-node resource is called <c>{cluster}-broker-{n}</c>.</summary>
public static class ResourceNames
{
    public const string ContainerName = "zeebe";
    public const string DataVolumeName = "zeebe-data";
    public const string DataMountPath = "/usr/local/zeebe/data";

    public static string Broker(string clusterName, int nodeId) =>
        string.Create(CultureInfo.InvariantCulture, $"{clusterName}-broker-{nodeId}");

    /// <summary>The cluster a per-node resource name belongs to (<c>orders-broker-2</c> is cluster <c>orders</c>); null for other names.</summary>
    public static string? ClusterOfBroker(string resourceName)
    {
        const string Infix = "-broker-";
        var at = resourceName.LastIndexOf(Infix, StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var node = resourceName[(at + Infix.Length)..];
        return node.Length is > 0 and <= 3 && node.All(char.IsAsciiDigit) && (node.Length == 1 || node[0] != '0')
            ? resourceName[..at]
            : null;
    }

    public static string DnsName(string clusterName, int nodeId, string namespaceName) =>
        $"{Broker(clusterName, nodeId)}.{namespaceName}";

    public static string NodeDirectory(string rootDirectory, int nodeId) =>
        string.Create(CultureInfo.InvariantCulture, $"{rootDirectory.TrimEnd('/')}/node-{nodeId}");
}
