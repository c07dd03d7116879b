using ZeebeOperator.Core.Desired;

namespace ZeebeOperator.Core.Spec.Validation;

internal static class ClientAccessRules
{
    /// <summary>ECS allows at most five target groups per service.</summary>
    public const int MaxTargetGroups = 5;

    /// <summary>ECS's upper bound for healthCheckGracePeriodSeconds.</summary>
    public const int MaxHealthCheckGracePeriodSeconds = 2_147_483_647;

    private static readonly string TargetGroupsPath = SpecPath.Of(d => d.Spec.ClientAccess.TargetGroups);
    private static readonly string ServiceNamePath = SpecPath.Of(d => d.Spec.ClientAccess.ServiceName);
    private static readonly string GracePeriodPath = SpecPath.Of(d => d.Spec.ClientAccess.HealthCheckGracePeriodSeconds);
    private static readonly string PortsText = string.Join(", ", BrokerPorts.Mappings.Select(p => p.ContainerPort));

    public static void Check(string clusterName, int clusterSize, ClientAccessSpec access, ICollection<SpecError> errors)
    {
        CheckTargetGroups(access.TargetGroups, errors);
        if (access.HealthCheckGracePeriodSeconds < 0)
        {
            errors.Add(GracePeriodPath, "must be 0 or more seconds");
        }

        if (access.ServiceName is { } name)
        {
            if (name.Length > BrokerNames.MaxDnsLabelLength || !SpecPatterns.ClusterName().IsMatch(name))
            {
                errors.Add(ServiceNamePath, $"must be a DNS label: 1 to {BrokerNames.MaxDnsLabelLength} lowercase letters, digits and '-', starting with a letter and not ending with '-'");
            }
            else if (SpecPatterns.ClusterName().IsMatch(clusterName)
                && Enumerable.Range(0, BrokerNames.IsValidClusterSize(clusterSize) ? clusterSize : 0).Any(n => BrokerNames.ServiceName(clusterName, n) == name))
            {
                errors.Add(ServiceNamePath, $"must not be a broker's own Cloud Map service name ({name})");
            }
        }
    }

    private static void CheckTargetGroups(IReadOnlyList<TargetGroupSpec> targetGroups, ICollection<SpecError> errors)
    {
        if (targetGroups.Count > MaxTargetGroups)
        {
            errors.Add(TargetGroupsPath, $"must list at most {MaxTargetGroups} target groups (an ECS service takes at most {MaxTargetGroups} load balancers)");
        }

        var firstIndexByArn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < targetGroups.Count; index++)
        {
            var itemPath = SpecPath.Index(TargetGroupsPath, index);
            var targetGroup = targetGroups[index];
            var arnPath = SpecPath.Property(itemPath, "targetGroupArn");
            if (!SpecPatterns.TargetGroupArn().IsMatch(targetGroup.TargetGroupArn))
            {
                errors.Add(arnPath, "must be an Elastic Load Balancing target group ARN such as \"arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/orders-grpc/0123456789abcdef\"");
            }
            else if (!firstIndexByArn.TryAdd(targetGroup.TargetGroupArn, index))
            {
                errors.Add(arnPath, $"repeats {SpecPath.Property(SpecPath.Index(TargetGroupsPath, firstIndexByArn[targetGroup.TargetGroupArn]), "targetGroupArn")}");
            }

            if (BrokerPorts.Mappings.All(p => p.ContainerPort != targetGroup.ContainerPort))
            {
                errors.Add(SpecPath.Property(itemPath, "containerPort"), $"must be one of the broker container's ports: {PortsText}");
            }
        }
    }
}
