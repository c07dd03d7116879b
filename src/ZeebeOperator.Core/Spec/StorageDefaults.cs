namespace ZeebeOperator.Core.Spec;

/// <summary>What a spec gets when it leaves storage settings out. Camunda images run as uid 1001, gid 0.</summary>
public static class StorageDefaults
{
    public const string Permissions = "0750";

    public static PosixIdentity PosixUser { get; } = new(1001, 0);
}
