namespace ZeebeOperator.Core.Spec.Validation;

/// <summary>The names the operator derives per node, needed to check that the longest of them still fits.</summary>
internal static class BrokerNames
{
    public const int MaxClusterSize = 100;
    public const int MaxDnsLabelLength = 63;
    public const int MaxDnsNameLength = 253;

    public static bool IsValidClusterSize(int clusterSize) => clusterSize is >= 1 and <= MaxClusterSize;

    public static int HighestNodeId(int clusterSize) => IsValidClusterSize(clusterSize) ? clusterSize - 1 : 0;

    public static string ServiceName(string cluster, int nodeId) => $"{cluster}-broker-{nodeId}";

    public static string NodeDirectory(string rootDirectory, int nodeId) => $"{rootDirectory}/node-{nodeId}";
}
