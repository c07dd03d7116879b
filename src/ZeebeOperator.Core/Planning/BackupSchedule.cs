using Quartz;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Planning;

/// <summary>When <c>spec.backup</c> next asks for a backup, from the schedule (UTC) and what the status has answered.</summary>
public static class BackupSchedule
{
    /// <summary>The schedule's first occurrence after the last scheduled backup (or after <paramref name="now"/> before the first pass).</summary>
    public static DateTimeOffset? NextDue(BackupSpec spec, BackupsStatus? status, DateTimeOffset now) =>
        spec.Schedule is { } cron ? new CronExpression(cron, TimeZoneInfo.Utc).GetNextValidTimeAfter(status?.ScheduledSince ?? now) : null;

    /// <summary>The first occurrence after <paramref name="after"/>.</summary>
    public static DateTimeOffset? After(BackupSpec spec, DateTimeOffset after) =>
        spec.Schedule is { } cron ? new CronExpression(cron, TimeZoneInfo.Utc).GetNextValidTimeAfter(after) : null;

    /// <summary>A <c>requestedAt</c> the operator has not answered with a backup yet.</summary>
    public static bool RequestPending(BackupSpec spec, BackupsStatus? status) => spec.RequestedAt is { } requested && requested != status?.HandledRequest;
}
