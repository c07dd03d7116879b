namespace ZeebeOperator.Core.Spec.Validation;

internal static class ClusterShapeRules
{
    public const int MaxPartitionCount = 8192;
    public const int MaxImageLength = 255;

    private static readonly string ImagePath = SpecPath.Of(d => d.Spec.Image);
    private static readonly string ClusterSizePath = SpecPath.Of(d => d.Spec.ClusterSize);
    private static readonly string PartitionCountPath = SpecPath.Of(d => d.Spec.PartitionCount);
    private static readonly string ReplicationFactorPath = SpecPath.Of(d => d.Spec.ReplicationFactor);

    public static void Check(ZeebeClusterSpec spec, ICollection<SpecError> errors)
    {
        CheckImage(spec.Image, errors);
        if (!BrokerNames.IsValidClusterSize(spec.ClusterSize))
        {
            errors.Add(ClusterSizePath, $"must be between 1 and {BrokerNames.MaxClusterSize}");
        }

        if (spec.PartitionCount is < 1 or > MaxPartitionCount)
        {
            errors.Add(PartitionCountPath, $"must be between 1 and {MaxPartitionCount}");
        }

        if (spec.ReplicationFactor < 1)
        {
            errors.Add(ReplicationFactorPath, "must be >= 1");
        }
        else if (BrokerNames.IsValidClusterSize(spec.ClusterSize) && spec.ReplicationFactor > spec.ClusterSize)
        {
            errors.Add(ReplicationFactorPath, $"must be <= {ClusterSizePath} ({spec.ClusterSize})");
        }
    }

    private static void CheckImage(string image, ICollection<SpecError> errors)
    {
        var path = ImagePath;
        if (image.Length == 0)
        {
            errors.Add(path, "must not be empty");
        }
        else if (image.Length > MaxImageLength)
        {
            errors.Add(path, $"must be at most {MaxImageLength} characters long");
        }
        else if (image.Any(char.IsWhiteSpace))
        {
            errors.Add(path, "must not contain whitespace");
        }
        else if (!SpecPatterns.ImageReference().IsMatch(image))
        {
            errors.Add(
                path,
                "must be an image reference [registry[:port]/]repository[:tag][@sha256:digest] with a lowercase repository path, such as \"camunda/camunda:8.8.3\"");
        }
    }
}
