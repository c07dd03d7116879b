namespace ZeebeOperator.Core.Spec.Validation;

internal static class ServiceDiscoveryRules
{
    public const int MaxDnsTtlSeconds = 3600;

    private static readonly string NamespaceIdPath = SpecPath.Of(d => d.Spec.ServiceDiscovery.NamespaceId);
    private static readonly string NamespaceNamePath = SpecPath.Of(d => d.Spec.ServiceDiscovery.NamespaceName);
    private static readonly string DnsTtlSecondsPath = SpecPath.Of(d => d.Spec.ServiceDiscovery.DnsTtlSeconds);

    public static void Check(string clusterName, int clusterSize, ServiceDiscoverySpec discovery, ICollection<SpecError> errors)
    {
        if (!SpecPatterns.NamespaceId().IsMatch(discovery.NamespaceId))
        {
            errors.Add(
                NamespaceIdPath,
                $"must be a Cloud Map namespace ID of 1 to {SpecLimits.MaxNamespaceIdLength} printable ASCII characters without spaces, such as \"ns-abcdef0123456789\"");
        }

        CheckNamespaceName(clusterName, clusterSize, discovery.NamespaceName, errors);
        if (discovery.DnsTtlSeconds is < 1 or > MaxDnsTtlSeconds)
        {
            errors.Add(DnsTtlSecondsPath, $"must be between 1 and {MaxDnsTtlSeconds}");
        }
    }

    private static void CheckNamespaceName(string clusterName, int clusterSize, string namespaceName, ICollection<SpecError> errors)
    {
        var path = NamespaceNamePath;
        if (namespaceName.Length > BrokerNames.MaxDnsNameLength || !SpecPatterns.DnsName().IsMatch(namespaceName))
        {
            errors.Add(
                path,
                $"must be a DNS name of at most {BrokerNames.MaxDnsNameLength} characters: dot-separated labels of lowercase letters, digits and '-', each 1 to 63 characters, such as \"zeebe.internal\"");
            return;
        }

        if (!SpecPatterns.ClusterName().IsMatch(clusterName))
        {
            return;
        }

        var longestBrokerName = $"{BrokerNames.ServiceName(clusterName, BrokerNames.HighestNodeId(clusterSize))}.{namespaceName}";
        if (longestBrokerName.Length > BrokerNames.MaxDnsNameLength)
        {
            errors.Add(
                path,
                $"is too long: the broker name \"{longestBrokerName}\" must be at most {BrokerNames.MaxDnsNameLength} characters");
        }
    }
}
