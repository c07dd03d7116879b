namespace ZeebeOperator.Core.Resources;

/// <summary>Tag keys the operator writes; every managed resource carries the ownership ones.</summary>
public static class TagKeys
{
    public const string Name = "Name";
    public const string ManagedBy = "zeebe-operator/managed-by";
    public const string Cluster = "zeebe-operator/cluster";
    public const string NodeId = "zeebe-operator/node-id";
    public const string ConfigHash = "zeebe-operator/config-hash";

    /// <summary>On an ECS service: the fingerprint of the target groups the operator last set (absent: none).</summary>
    public const string TargetGroups = "zeebe-operator/target-groups";

    public const string ManagedByValue = "zeebe-ecs-operator";
}
