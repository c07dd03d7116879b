using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Zeebe;

/// <summary>
/// Where a broker's backup management API lives: Camunda 8.8 moved it from <c>/actuator/backups</c> to
/// <c>/actuator/backupRuntime</c> (the old path stays only on standalone deployments, not on the camunda image).
/// </summary>
public enum BackupEndpoint
{
    /// <summary><c>/actuator/backupRuntime</c> (8.8+).</summary>
    BackupRuntime,

    /// <summary><c>/actuator/backups</c> (before 8.8).</summary>
    Backups,
}

public static class BackupEndpoints
{
    /// <summary>The endpoint the image serves; an unknown tag counts as current, as for the setting names.</summary>
    public static BackupEndpoint For(string image) =>
        ImageVersion.FromImage(image) is { } version && version < EnvironmentNamingResolver.FirstUnifiedVersion ? BackupEndpoint.Backups : BackupEndpoint.BackupRuntime;

    public static string Path(this BackupEndpoint endpoint) => endpoint switch
    {
        BackupEndpoint.BackupRuntime => "actuator/backupRuntime",
        BackupEndpoint.Backups => "actuator/backups",
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Unknown backup endpoint."),
    };
}

/// <summary>The state of a backup (StateCode of Zeebe's backup management API); unknown values are kept by name.</summary>
public enum BackupState
{
    DoesNotExist,
    InProgress,
    Completed,
    Failed,
    Incomplete,
    Incompatible,
    Unknown,
}

public static class BackupStates
{
    /// <summary>As Zeebe writes it: <c>IN_PROGRESS</c>, <c>COMPLETED</c>...</summary>
    public static string ToApiName(this BackupState state) => state switch
    {
        BackupState.DoesNotExist => "DOES_NOT_EXIST",
        BackupState.InProgress => "IN_PROGRESS",
        BackupState.Completed => "COMPLETED",
        BackupState.Failed => "FAILED",
        BackupState.Incomplete => "INCOMPLETE",
        BackupState.Incompatible => "INCOMPATIBLE",
        _ => "UNKNOWN",
    };

    public static BackupState FromApiName(string? name) => name?.ToUpperInvariant() switch
    {
        "DOES_NOT_EXIST" => BackupState.DoesNotExist,
        "IN_PROGRESS" => BackupState.InProgress,
        "COMPLETED" => BackupState.Completed,
        "FAILED" => BackupState.Failed,
        "INCOMPLETE" => BackupState.Incomplete,
        "INCOMPATIBLE" => BackupState.Incompatible,
        _ => BackupState.Unknown,
    };

    /// <summary>Whether the backup will not change state any more.</summary>
    public static bool IsFinal(this BackupState state) => state is not (BackupState.InProgress or BackupState.Unknown);
}

/// <summary>One partition's part of a backup (PartitionBackupInfo).</summary>
public sealed record PartitionBackup(
    int PartitionId,
    BackupState State,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? LastUpdatedAt,
    int? BrokerId,
    string? FailureReason = null);

/// <summary>
/// A backup as Zeebe reports it (BackupInfo): the state aggregated over every partition's, and each partition's.
/// Zeebe's API does not report a backup's size.
/// </summary>
public sealed record BackupInfo(long BackupId, BackupState State, string? FailureReason, IReadOnlyList<PartitionBackup> Partitions)
{
    /// <summary>When the first partition started it, if any partition says.</summary>
    public DateTimeOffset? CreatedAt => Partitions.Select(p => p.CreatedAt).Where(t => t is not null).Min();
}
