namespace ZeebeOperator.Core.Spec.Validation;

internal static class MetadataRules
{
    /// <summary>The longest name whose first ten broker names ("{name}-broker-9") fit a DNS label.</summary>
    public const int MaxNameLength = BrokerNames.MaxDnsLabelLength - 9;

    private static readonly string NamePath = SpecPath.Of(d => d.Metadata.Name);
    private static readonly string GenerationPath = SpecPath.Of(d => d.Metadata.Generation);

    public static void Check(ObjectMeta metadata, int clusterSize, ICollection<SpecError> errors)
    {
        CheckName(metadata.Name, clusterSize, errors);
        if (metadata.Generation < 1)
        {
            errors.Add(GenerationPath, "must be >= 1");
        }

        LabelRules.Check(metadata.Labels, errors);
    }

    private static void CheckName(string name, int clusterSize, ICollection<SpecError> errors)
    {
        var path = NamePath;
        if (!SpecPatterns.ClusterName().IsMatch(name))
        {
            errors.Add(path, "must be a DNS label: lowercase letters, digits and '-', starting with a letter and not ending with '-'");
            return;
        }

        var longestServiceName = BrokerNames.ServiceName(name, BrokerNames.HighestNodeId(clusterSize));
        if (longestServiceName.Length > BrokerNames.MaxDnsLabelLength)
        {
            var allowed = BrokerNames.MaxDnsLabelLength - (longestServiceName.Length - name.Length);
            errors.Add(
                path,
                $"must be at most {allowed} characters: the Cloud Map service name \"{longestServiceName}\" must fit in a {BrokerNames.MaxDnsLabelLength}-character DNS label");
        }
    }
}
