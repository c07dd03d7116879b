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

    public static string DnsName(string clusterName, int nodeId, string namespaceName) =>
        $"{Broker(clusterName, nodeId)}.{namespaceName}";

    public static string NodeDirectory(string rootDirectory, int nodeId) =>
        string.Create(CultureInfo.InvariantCulture, $"{rootDirectory.TrimEnd('/')}/node-{nodeId}");
}
