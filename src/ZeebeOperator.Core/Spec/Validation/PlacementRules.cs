using System.Text.RegularExpressions;
using ZeebeOperator.Core.Spec.Model;

namespace ZeebeOperator.Core.Spec.Validation;

internal static class PlacementRules
{
    public const int MaxSubnets = 16;
    public const int MaxSecurityGroups = 5;

    private static readonly string EcsClusterPath = SpecPath.Of(d => d.Spec.Placement.EcsCluster);
    private static readonly string SubnetsPath = SpecPath.Of(d => d.Spec.Placement.Subnets);
    private static readonly string SecurityGroupsPath = SpecPath.Of(d => d.Spec.Placement.SecurityGroups);
    private static readonly string LaunchTypePath = SpecPath.Of(d => d.Spec.Placement.LaunchType);
    private static readonly string CapacityProviderPath = SpecPath.Of(d => d.Spec.Placement.CapacityProvider);
    private static readonly string AssignPublicIpPath = SpecPath.Of(d => d.Spec.Placement.AssignPublicIp);
    private static readonly string ExecutionRoleArnPath = SpecPath.Of(d => d.Spec.Placement.ExecutionRoleArn);
    private static readonly string TaskRoleArnPath = SpecPath.Of(d => d.Spec.Placement.TaskRoleArn);
    private static readonly string LogGroupPath = SpecPath.Of(d => d.Spec.Placement.LogGroup);
    private static readonly string LogRegionPath = SpecPath.Of(d => d.Spec.Placement.LogRegion);
    private static readonly string LaunchTypeLeftOut =
        SpecModel.Of(typeof(PlacementSpec)).FieldOf(nameof(PlacementSpec.LaunchType)).LeftOutMessage(CapacityProviderPath);

    public static void Check(PlacementSpec placement, ICollection<SpecError> errors)
    {
        if (!SpecPatterns.EcsName().IsMatch(placement.EcsCluster) && !SpecPatterns.EcsClusterArn().IsMatch(placement.EcsCluster))
        {
            errors.Add(EcsClusterPath, "must be an ECS cluster name (1 to 255 letters, digits, '-' or '_') or an ECS cluster ARN");
        }

        CheckIds(placement.Subnets, SubnetsPath, MaxSubnets, SpecPatterns.SubnetId(), "a subnet ID such as \"subnet-0a1b2c3d4e5f60718\"", errors);
        CheckIds(placement.SecurityGroups, SecurityGroupsPath, MaxSecurityGroups, SpecPatterns.SecurityGroupId(), "a security group ID such as \"sg-0a1b2c3d4e5f60718\"", errors);
        CheckCapacity(placement, errors);
        CheckRole(placement.ExecutionRoleArn, ExecutionRoleArnPath, errors);
        if (placement.TaskRoleArn is { } taskRole)
        {
            CheckRole(taskRole, TaskRoleArnPath, errors);
        }

        if (!SpecPatterns.LogGroupName().IsMatch(placement.LogGroup))
        {
            errors.Add(LogGroupPath, "must be a CloudWatch log group name: 1 to 512 letters, digits and . - _ / #");
        }

        if (placement.LogRegion is { } region && !SpecPatterns.Region().IsMatch(region))
        {
            errors.Add(LogRegionPath, "must be an AWS region such as \"eu-west-1\"");
        }
    }

    private static void CheckIds(
        IReadOnlyList<string> ids, string path, int maxCount, Regex pattern, string expected, ICollection<SpecError> errors)
    {
        if (ids.Count is 0 || ids.Count > maxCount)
        {
            errors.Add(path, $"must list between 1 and {maxCount} entries");
        }

        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < ids.Count; index++)
        {
            var itemPath = SpecPath.Index(path, index);
            if (!pattern.IsMatch(ids[index]))
            {
                errors.Add(itemPath, $"must be {expected}");
            }
            else if (!firstIndexById.TryAdd(ids[index], index))
            {
                errors.Add(itemPath, $"repeats {SpecPath.Index(path, firstIndexById[ids[index]])}");
            }
        }
    }

    private static void CheckCapacity(PlacementSpec placement, ICollection<SpecError> errors)
    {
        if (placement.CapacityProvider is not { } provider)
        {
            if (placement.AssignPublicIp && placement.LaunchType == LaunchType.Ec2)
            {
                errors.Add(AssignPublicIpPath, "must be false on EC2: ECS assigns public IPs to awsvpc tasks only on Fargate");
            }

            return;
        }

        if (!SpecPatterns.EcsName().IsMatch(provider))
        {
            errors.Add(CapacityProviderPath, "must be a capacity provider name: 1 to 255 letters, digits, '-' or '_'");
        }

        if (placement.LaunchType != LaunchType.Fargate)
        {
            errors.Add(LaunchTypePath, LaunchTypeLeftOut);
        }
    }

    private static void CheckRole(string arn, string path, ICollection<SpecError> errors)
    {
        if (!SpecPatterns.IamRoleArn().IsMatch(arn))
        {
            errors.Add(path, "must be an IAM role ARN such as \"arn:aws:iam::123456789012:role/zeebe-task\"");
        }
    }
}
