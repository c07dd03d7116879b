using System.Text.RegularExpressions;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Spec;

/// <summary>
/// The field patterns of a spec, each written once: the validator matches the regexes and the fields' descriptions
/// (<see cref="Model.SpecFieldAttribute"/>) hand the same text to the generated JSON Schema, where <c>\z</c> (the
/// end of the text; .NET's <c>$</c> also matches before a final newline) becomes <c>$</c>.
/// </summary>
internal static partial class SpecPatterns
{
    public const string ClusterNamePattern = @"^[a-z]([a-z0-9-]*[a-z0-9])?\z";
    public const string TagTextPattern = @"^" + TagCharacter + @"*\z";
    public const string ImageReferencePattern =
        @"^(([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)+|localhost)(:[0-9]{1,5})?/|[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?:[0-9]{1,5}/)?"
        + @"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*"
        + @"(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?\z";

    public const string EcsNamePattern = "^" + EcsNameText + @"\z";
    public const string EcsClusterArnPattern = "^" + EcsClusterArnText + @"\z";
    public const string EcsClusterPattern = "^(" + EcsNameText + "|" + EcsClusterArnText + @")\z";
    public const string SubnetIdPattern = @"^subnet-[0-9a-f]{8,17}\z";
    public const string SecurityGroupIdPattern = @"^sg-[0-9a-f]{8,17}\z";
    public const string IamRoleArnPattern = @"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]{1,512}\z";
    public const string LogGroupNamePattern = @"^[.\-_/#A-Za-z0-9]{1,512}\z";
    public const string RegionPattern = @"^[a-z]{2}(-[a-z]+)+-[0-9]\z";
    public const string NamespaceIdPattern = @"^[\x21-\x7E]{1,64}\z";
    public const string DnsNamePattern = @"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\z";
    public const string TargetGroupArnPattern =
        @"^arn:aws(-[a-z]+)*:elasticloadbalancing:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:targetgroup/[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?/[0-9a-f]{16}\z";
    public const string FileSystemIdPattern = @"^fs-[0-9a-f]{8,40}\z";
    public const string OctalPermissionsPattern = @"^[0-7]{3,4}\z";
    public const string EnvironmentVariableNamePattern = @"^[A-Za-z_][A-Za-z0-9_]*\z";
    public const string QuartzCronPattern = @"^[0-9A-Za-z*?,/#-]+( [0-9A-Za-z*?,/#-]+){5,6}\z";
    public const string SecretReferencePattern = "^(" + SecretsManagerArnText + "|" + SsmParameterArnText + @")\z";
    public const string TimestampPattern = @"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?Z\z";
    public const string S3BucketPattern = @"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\z";
    public const string S3PrefixPattern = @"^[A-Za-z0-9!_.*'()/-]{1,512}\z";
    public const string HttpUrlPattern = @"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[\x21-\x7E]*)?\z";
    public const string DurationPattern = @"^P(?=[0-9T])([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?\z";

    /// <summary>
    /// Schema only: what the validator checks step by step, with a message per rule, folded into one pattern for
    /// editors (label keys, text without control characters, the access point root directory).
    /// </summary>
    public const string LabelKeyPattern =
        "^(?![aA][wW][sS]:)(?!" + Validation.LabelRules.OperatorTagPrefix + ")(?!" + TagKeys.Name + @"\z)" + TagCharacter + @"+\z";

    public const string NoControlCharactersPattern = @"^[^\u0000-\u001F\u007F-\u009F]*\z";
    public const string RootDirectoryPattern = @"^(/(?!\.)[^$#<>;`|&?{}^*/\u0000-\u001F\u007F-\u009F]+){1,3}\z";

    private const string TagCharacter = @"[\p{L}\p{Z}\p{N}_.:/=+\-@]";
    private const string EcsNameText = "[A-Za-z0-9_-]{1,255}";
    private const string ArnRegionAndAccount = "[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}";

    // ECS's valueFrom: the secret's ARN, or with all three of :json-key:version-stage:version-id (each may be empty).
    private const string SecretsManagerArnText =
        "arn:aws[a-z-]*:secretsmanager:" + ArnRegionAndAccount + @":secret:[A-Za-z0-9/_+=.@-]{1,512}(:[^:\s]*:[^:\s]*:[^:\s]*)?";

    private const string SsmParameterArnText = "arn:aws[a-z-]*:ssm:" + ArnRegionAndAccount + @":parameter/[A-Za-z0-9_.\-/]{1,2048}";
    private const string EcsClusterArnText = "arn:aws[a-z-]*:ecs:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:cluster/" + EcsNameText;

    [GeneratedRegex(ClusterNamePattern)]
    public static partial Regex ClusterName();

    [GeneratedRegex(TagTextPattern)]
    public static partial Regex TagText();

    [GeneratedRegex(ImageReferencePattern, RegexOptions.NonBacktracking)]
    public static partial Regex ImageReference();

    [GeneratedRegex(EcsNamePattern)]
    public static partial Regex EcsName();

    [GeneratedRegex(EcsClusterArnPattern)]
    public static partial Regex EcsClusterArn();

    [GeneratedRegex(SubnetIdPattern)]
    public static partial Regex SubnetId();

    [GeneratedRegex(SecurityGroupIdPattern)]
    public static partial Regex SecurityGroupId();

    [GeneratedRegex(IamRoleArnPattern)]
    public static partial Regex IamRoleArn();

    [GeneratedRegex(LogGroupNamePattern)]
    public static partial Regex LogGroupName();

    [GeneratedRegex(RegionPattern)]
    public static partial Regex Region();

    /// <summary>
    /// Cloud Map's <c>ResourceId</c> only caps the length (64); the IDs Cloud Map issues are printable ASCII
    /// without spaces (<c>ns-</c> and 16 characters today), so nothing else can name a namespace.
    /// </summary>
    [GeneratedRegex(NamespaceIdPattern)]
    public static partial Regex NamespaceId();

    [GeneratedRegex(DnsNamePattern)]
    public static partial Regex DnsName();

    [GeneratedRegex(TargetGroupArnPattern)]
    public static partial Regex TargetGroupArn();

    [GeneratedRegex(FileSystemIdPattern)]
    public static partial Regex FileSystemId();

    [GeneratedRegex(OctalPermissionsPattern)]
    public static partial Regex OctalPermissions();

    [GeneratedRegex(EnvironmentVariableNamePattern)]
    public static partial Regex EnvironmentVariableName();

    [GeneratedRegex(QuartzCronPattern)]
    public static partial Regex QuartzCron();

    [GeneratedRegex(SecretReferencePattern)]
    public static partial Regex SecretReference();

    [GeneratedRegex(TimestampPattern)]
    public static partial Regex Timestamp();

    [GeneratedRegex(S3BucketPattern)]
    public static partial Regex S3Bucket();

    [GeneratedRegex(S3PrefixPattern)]
    public static partial Regex S3Prefix();

    [GeneratedRegex(HttpUrlPattern)]
    public static partial Regex HttpUrl();

    [GeneratedRegex(DurationPattern)]
    public static partial Regex Duration();
}
