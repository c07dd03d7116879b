using System.Globalization;

namespace ZeebeOperator.Core.Resources;

/// <summary>A task definition revision's ARN, <c>arn:aws:ecs:{region}:{account}:task-definition/{family}:{revision}</c>, taken apart.</summary>
public sealed record TaskDefinitionArn(string Arn, string Family, int Revision)
{
    private const string ResourcePrefix = ":task-definition/";

    public static TaskDefinitionArn? TryParse(string arn)
    {
        var start = arn.IndexOf(ResourcePrefix, StringComparison.Ordinal);
        var colon = arn.LastIndexOf(':');
        if (start <= 0 || colon <= start + ResourcePrefix.Length)
        {
            return null;
        }

        return int.TryParse(arn.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? new TaskDefinitionArn(arn, arn[(start + ResourcePrefix.Length)..colon], revision)
            : null;
    }
}
