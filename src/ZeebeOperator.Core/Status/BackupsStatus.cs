namespace ZeebeOperator.Core.Status;

/// <summary>Why a backup was taken.</summary>
public enum BackupTrigger
{
    /// <summary><c>spec.backup.schedule</c> was due.</summary>
    Schedule,

    /// <summary><c>spec.backup.requestedAt</c> asked for one (<c>zeebe-operator backup</c>).</summary>
    Request,

    /// <summary><c>spec.backup.beforeUpgrade</c>: before a rolling update restarts the first broker.</summary>
    BeforeUpgrade,
}

/// <summary>One backup the operator took, as it last saw it.</summary>
/// <param name="State">As Zeebe names it: IN_PROGRESS, COMPLETED, FAILED, INCOMPLETE...</param>
/// <param name="Generation">The spec generation it was taken for.</param>
public sealed record BackupRecord(
    long Id,
    DateTimeOffset TakenAt,
    string State,
    BackupTrigger Trigger,
    long Generation,
    DateTimeOffset? FinishedAt = null,
    string? FailureReason = null)
{
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";

    public bool IsInProgress => State == InProgress;
}

/// <summary>The backups of a cluster, kept in its status so a restart or handover carries on where the last pass stopped.</summary>
/// <param name="LastBackupId">The highest backup id asked for: Zeebe takes only ids higher than every earlier one.</param>
/// <param name="ScheduledSince">The next scheduled backup is the schedule's first occurrence after this (the last scheduled backup, or when the schedule was first seen).</param>
/// <param name="HandledRequest">The <c>spec.backup.requestedAt</c> already answered with a backup.</param>
/// <param name="Recent">The backups taken and not deleted, newest first.</param>
/// <param name="LastError">Why the last backup request failed, until one succeeds.</param>
public sealed record BackupsStatus(
    long? LastBackupId,
    DateTimeOffset? ScheduledSince,
    string? HandledRequest,
    IReadOnlyList<BackupRecord> Recent,
    string? LastError = null)
{
    public static BackupsStatus Empty { get; } = new(null, null, null, []);

    public BackupRecord? InProgress => Recent.FirstOrDefault(b => b.IsInProgress);

    /// <summary>The backup taken before the rolling update of <paramref name="generation"/>, if any.</summary>
    public BackupRecord? BeforeUpgradeOf(long generation) =>
        Recent.FirstOrDefault(b => b.Trigger == BackupTrigger.BeforeUpgrade && b.Generation == generation);

    /// <summary>By value, the backups included (a record compares lists by reference).</summary>
    public bool Equals(BackupsStatus? other) =>
        other is not null
        && (LastBackupId, ScheduledSince, HandledRequest, LastError) == (other.LastBackupId, other.ScheduledSince, other.HandledRequest, other.LastError)
        && Recent.SequenceEqual(other.Recent);

    public override int GetHashCode() => (LastBackupId, ScheduledSince, HandledRequest, LastError, Recent.Count).GetHashCode();
}
