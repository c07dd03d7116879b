using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Resources;

/// <summary>An EFS access point as DescribeAccessPoints reports it (tags included).</summary>
public sealed record AccessPoint(
    string AccessPointId,
    string AccessPointArn,
    string FileSystemId,
    string RootPath,
    PosixIdentity? PosixUser,
    string LifeCycleState,
    IReadOnlyDictionary<string, string> Tags)
{
    public string? Name => Tags.GetValueOrDefault(TagKeys.Name);

    public bool IsUsable => LifeCycleState is AccessPointLifeCycle.Available or AccessPointLifeCycle.Creating;
}

public static class AccessPointLifeCycle
{
    public const string Creating = "creating";
    public const string Available = "available";
    public const string Deleting = "deleting";
    public const string Deleted = "deleted";
}

/// <param name="ClientToken">Idempotency token: a retried create with the same token returns the same access point.</param>
public sealed record CreateAccessPointRequest(
    string ClientToken,
    string FileSystemId,
    string RootPath,
    PosixIdentity PosixUser,
    string CreationPermissions,
    IReadOnlyDictionary<string, string> Tags);
