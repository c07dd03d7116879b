namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>
/// Enum, length, range and pattern rules for the members the operator sends, transcribed from the services'
/// published API references: aws-sdk v2's <c>min.json</c> models keep member names, types and required lists
/// but drop these traits.
/// </summary>
public static class PublishedConstraints
{
    private const string TagKeyPattern = @"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";
    private static readonly string[] EcsLaunchTypes = ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"];
    private static readonly string[] EnabledDisabled = ["ENABLED", "DISABLED"];

    public static IReadOnlyDictionary<string, MemberConstraint> Ecs { get; } = new Dictionary<string, MemberConstraint>
    {
        ["$.clientToken"] = new(Min: 1, Max: 36, Pattern: "^[\\x20-\\x7E]+$"),
        ["$.serviceName"] = new(Pattern: "^[a-zA-Z0-9_-]{1,255}$"),
        ["$.launchType"] = new(EcsLaunchTypes),
        ["$.propagateTags"] = new(["TASK_DEFINITION", "SERVICE", "NONE"]),
        ["$.networkConfiguration.awsvpcConfiguration.assignPublicIp"] = new(EnabledDisabled),
        ["$.networkConfiguration.awsvpcConfiguration.subnets"] = new(Min: 1, Max: 16),
        ["$.networkConfiguration.awsvpcConfiguration.securityGroups"] = new(Max: 5),
        ["$.capacityProviderStrategy[].weight"] = new(Min: 0, Max: 1000),
        ["$.capacityProviderStrategy[].base"] = new(Min: 0, Max: 100000),
        ["$.tags"] = new(Max: 50),
        ["$.tags[].key"] = new(Min: 1, Max: 128, Pattern: TagKeyPattern),
        ["$.tags[].value"] = new(Min: 0, Max: 256, Pattern: TagKeyPattern),
        ["$.family"] = new(Pattern: "^[a-zA-Z0-9_-]{1,255}$"),
        ["$.networkMode"] = new(["bridge", "host", "awsvpc", "none"]),
        ["$.requiresCompatibilities[]"] = new(EcsLaunchTypes),
        ["$.containerDefinitions[].name"] = new(Pattern: "^[a-zA-Z0-9_-]{1,255}$"),
        ["$.containerDefinitions[].portMappings[].name"] = new(Pattern: "^[a-z0-9_][a-z0-9_-]{0,63}$"),
        ["$.containerDefinitions[].portMappings[].containerPort"] = new(Min: 0, Max: 65535),
        ["$.containerDefinitions[].portMappings[].protocol"] = new(["tcp", "udp"]),
        ["$.containerDefinitions[].healthCheck.interval"] = new(Min: 5, Max: 300),
        ["$.containerDefinitions[].healthCheck.timeout"] = new(Min: 2, Max: 120),
        ["$.containerDefinitions[].healthCheck.retries"] = new(Min: 1, Max: 10),
        ["$.containerDefinitions[].healthCheck.startPeriod"] = new(Min: 0, Max: 300),
        ["$.containerDefinitions[].logConfiguration.logDriver"] = new(["json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens"]),
        ["$.containerDefinitions[].secrets[].name"] = new(Min: 1),
        ["$.containerDefinitions[].secrets[].valueFrom"] = new(Min: 1, Pattern: "^arn:aws[a-z-]*:(secretsmanager|ssm):"),
        ["$.runtimePlatform.cpuArchitecture"] = new(["X86_64", "ARM64"]),
        ["$.runtimePlatform.operatingSystemFamily"] = new(["WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2016_FULL", "WINDOWS_SERVER_2004_CORE", "WINDOWS_SERVER_2022_CORE", "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2025_CORE", "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_20H2_CORE", "LINUX"]),
        ["$.volumes[].efsVolumeConfiguration.transitEncryption"] = new(EnabledDisabled),
        ["$.volumes[].efsVolumeConfiguration.authorizationConfig.iam"] = new(EnabledDisabled),
        ["$.desiredStatus"] = new(["RUNNING", "PENDING", "STOPPED"]),
        ["$.status"] = new(["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"]),
        ["$.sort"] = new(["ASC", "DESC"]),
        ["$.maxResults"] = new(Min: 1, Max: 100),
        ["$.include[]"] = new(["TAGS"]),
        ["$.services"] = new(Min: 1, Max: 10),
        ["$.tasks"] = new(Min: 1, Max: 100),
    };

    public static IReadOnlyDictionary<string, MemberConstraint> ServiceDiscovery { get; } = new Dictionary<string, MemberConstraint>
    {
        ["$.Name"] = new(Pattern: @"((?=^.{1,127}$)^([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])(\.([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*$)|(^\.$)"),
        ["$.NamespaceId"] = new(Max: 64),
        ["$.CreatorRequestId"] = new(Max: 64),
        ["$.Description"] = new(Max: 1024),
        ["$.DnsConfig.RoutingPolicy"] = new(["MULTIVALUE", "WEIGHTED"]),
        ["$.DnsConfig.DnsRecords[].Type"] = new(["SRV", "A", "AAAA", "CNAME"]),
        ["$.DnsConfig.DnsRecords[].TTL"] = new(Min: 0, Max: 2147483647),
        ["$.Tags"] = new(Max: 200),
        ["$.Tags[].Key"] = new(Min: 1, Max: 128),
        ["$.Tags[].Value"] = new(Min: 0, Max: 256),
        ["$.Filters[].Name"] = new(["NAMESPACE_ID", "RESOURCE_OWNER"]),
        ["$.Filters[].Condition"] = new(["EQ", "IN", "BETWEEN", "BEGINS_WITH"]),
        ["$.MaxResults"] = new(Min: 1, Max: 100),
        ["$.Id"] = new(Max: 64),
        ["$.ResourceARN"] = new(Min: 1, Max: 1011),
    };

    public static IReadOnlyDictionary<string, MemberConstraint> ElasticFileSystem { get; } = new Dictionary<string, MemberConstraint>
    {
        ["$.ClientToken"] = new(Min: 1, Max: 64),
        ["$.FileSystemId"] = new(Max: 128, Pattern: "^(arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:file-system/fs-[0-9a-f]{8,40}|fs-[0-9a-f]{8,40})$"),
        ["$.PosixUser.Uid"] = new(Min: 0, Max: 4294967295),
        ["$.PosixUser.Gid"] = new(Min: 0, Max: 4294967295),
        ["$.RootDirectory.Path"] = new(Min: 1, Max: 100, Pattern: @"^(\/|(\/(?!\.)+[^$#<>;`|&?{}^*/\n]+){1,4})$"),
        ["$.RootDirectory.CreationInfo.OwnerUid"] = new(Min: 0, Max: 4294967295),
        ["$.RootDirectory.CreationInfo.OwnerGid"] = new(Min: 0, Max: 4294967295),
        ["$.RootDirectory.CreationInfo.Permissions"] = new(Pattern: "^[0-7]{3,4}$"),
        ["$.Tags[].Key"] = new(Min: 1, Max: 128),
        ["$.Tags[].Value"] = new(Min: 0, Max: 256),
        ["AccessPointId"] = new(Max: 128, Pattern: "^(arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:access-point/fsap-[0-9a-f]{8,40}|fsap-[0-9a-f]{8,40})$"),
        ["MaxResults"] = new(Min: 1),
    };
}
