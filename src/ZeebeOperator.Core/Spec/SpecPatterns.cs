using System.Text.RegularExpressions;

namespace ZeebeOperator.Core.Spec;

/// <summary>
/// The field patterns of a spec. They mirror <c>crds/zeebecluster.schema.json</c> (with <c>\z</c> for the end,
/// because .NET's <c>$</c> also matches before a final newline); a test keeps the two in agreement.
/// </summary>
internal static partial class SpecPatterns
{
    [GeneratedRegex(@"^[a-z]([a-z0-9-]*[a-z0-9])?\z")]
    public static partial Regex ClusterName();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z")]
    public static partial Regex TagText();

    [GeneratedRegex(
        @"^(([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)+|localhost)(:[0-9]{1,5})?/|[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?:[0-9]{1,5}/)?"
        + @"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*"
        + @"(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?\z",
        RegexOptions.NonBacktracking)]
    public static partial Regex ImageReference();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,255}\z")]
    public static partial Regex EcsName();

    [GeneratedRegex(@"^arn:aws[a-z-]*:ecs:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:cluster/[A-Za-z0-9_-]{1,255}\z")]
    public static partial Regex EcsClusterArn();

    [GeneratedRegex(@"^subnet-[0-9a-f]{8,17}\z")]
    public static partial Regex SubnetId();

    [GeneratedRegex(@"^sg-[0-9a-f]{8,17}\z")]
    public static partial Regex SecurityGroupId();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]{1,512}\z")]
    public static partial Regex IamRoleArn();

    [GeneratedRegex(@"^[.\-_/#A-Za-z0-9]{1,512}\z")]
    public static partial Regex LogGroupName();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]\z")]
    public static partial Regex Region();

    /// <summary>
    /// Cloud Map's <c>ResourceId</c> only caps the length (64); the IDs Cloud Map issues are printable ASCII
    /// without spaces (<c>ns-</c> and 16 characters today), so nothing else can name a namespace.
    /// </summary>
    [GeneratedRegex(@"^[\x21-\x7E]{1,64}\z")]
    public static partial Regex NamespaceId();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\z")]
    public static partial Regex DnsName();

    [GeneratedRegex(@"^fs-[0-9a-f]{8,40}\z")]
    public static partial Regex FileSystemId();

    [GeneratedRegex(@"^[0-7]{3,4}\z")]
    public static partial Regex OctalPermissions();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    public static partial Regex EnvironmentVariableName();

    [GeneratedRegex(@"^[0-9A-Za-z*?,/#-]+( [0-9A-Za-z*?,/#-]+){5,6}\z")]
    public static partial Regex QuartzCron();

    [GeneratedRegex(@"^P(?=[0-9T])([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?\z")]
    public static partial Regex Duration();
}
