namespace ZeebeOperator.Simulation.Infrastructure;

/// <summary>ARNs in AWS's formats, for one region and account.</summary>
internal sealed class Arns(string region, string account)
{
    public string EcsCluster(string name) => $"arn:aws:ecs:{region}:{account}:cluster/{name}";

    public string EcsService(string cluster, string name) => $"arn:aws:ecs:{region}:{account}:service/{cluster}/{name}";

    public string EcsTask(string cluster, string taskId) => $"arn:aws:ecs:{region}:{account}:task/{cluster}/{taskId}";

    public string EcsContainerInstance(string cluster, string id) => $"arn:aws:ecs:{region}:{account}:container-instance/{cluster}/{id}";

    public string TaskDefinition(string family, int revision) => $"arn:aws:ecs:{region}:{account}:task-definition/{family}:{revision}";

    public string DiscoveryService(string id) => $"arn:aws:servicediscovery:{region}:{account}:service/{id}";

    public string AccessPoint(string id) => $"arn:aws:elasticfilesystem:{region}:{account}:access-point/{id}";

    public static bool IsArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>The resource part of an ARN: <c>arn:aws:ecs:r:a:cluster/x</c> gives <c>cluster/x</c>.</summary>
    public static string Resource(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 ? parts[5] : arn;
    }

    /// <summary>A name or id given plainly or as the last path segment of an ARN.</summary>
    public static string LastSegment(string nameOrArn) =>
        IsArn(nameOrArn) ? Resource(nameOrArn)[(Resource(nameOrArn).LastIndexOf('/') + 1)..] : nameOrArn;
}
