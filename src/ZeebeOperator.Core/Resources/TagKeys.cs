namespace ZeebeOperator.Core.Resources;

/// <summary>Tag keys the operator writes; every managed resource carries the ownership ones.</summary>
public static class TagKeys
{
    public const string Name = "Name";
    public const string ManagedBy = "zeebe-operator/managed-by";
    public const string Cluster = "zeebe-operator/cluster";
    public const string NodeId = "zeebe-operator/node-id";
    public const string ConfigHash = "zeebe-operator/config-hash";

    public const string ManagedByValue = "zeebe-ecs-operator";
}
