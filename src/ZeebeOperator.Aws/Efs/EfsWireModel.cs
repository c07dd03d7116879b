using System.Text.Json.Serialization;

namespace ZeebeOperator.Aws.Efs;

// The EFS REST-JSON shapes: PascalCase members, as the API model spells them.

internal sealed record EfsTag(string Key, string Value);

internal sealed record EfsPosixUser(long Uid, long Gid);

internal sealed record EfsCreationInfo(long OwnerUid, long OwnerGid, string Permissions);

internal sealed record EfsRootDirectory(string? Path, EfsCreationInfo? CreationInfo);

internal sealed record CreateAccessPointInput(
    string ClientToken,
    IReadOnlyList<EfsTag>? Tags,
    string FileSystemId,
    EfsPosixUser? PosixUser,
    EfsRootDirectory? RootDirectory);

internal sealed record AccessPointShape(
    string? ClientToken,
    string? Name,
    IReadOnlyList<EfsTag>? Tags,
    string? AccessPointId,
    string? AccessPointArn,
    string? FileSystemId,
    EfsPosixUser? PosixUser,
    EfsRootDirectory? RootDirectory,
    string? LifeCycleState);

internal sealed record DescribeAccessPointsOutput(IReadOnlyList<AccessPointShape>? AccessPoints, string? NextToken);

internal sealed record TagResourceInput(IReadOnlyList<EfsTag> Tags);

internal sealed record EmptyOutput;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CreateAccessPointInput))]
[JsonSerializable(typeof(AccessPointShape))]
[JsonSerializable(typeof(DescribeAccessPointsOutput))]
[JsonSerializable(typeof(TagResourceInput))]
[JsonSerializable(typeof(EmptyOutput))]
internal sealed partial class EfsJsonContext : JsonSerializerContext;
