using ZeebeOperator.Core.Spec.Model;

namespace ZeebeOperator.Core.Spec;

/// <summary>Scheduled Zeebe backups to S3 (<c>spec.backup</c>).</summary>
public sealed record BackupSpec(
    [SpecField(
        Pattern = SpecPatterns.QuartzCronPattern,
        Example = "0 0 3 * * ?",
        Description = "When to take a backup: a Quartz cron expression in UTC (6 or 7 fields, exactly one of day-of-month/day-of-week '?'). Leave out to take backups only on request ('zeebe-operator backup') and before upgrades.")]
    string? Schedule,
    [SpecField(Optional = true, Description = "Which completed and failed backups to keep; older ones are deleted.")]
    BackupRetentionSpec Retention,
    [SpecField(Description = "The S3 store every broker writes its backups to, with its task role (s3:PutObject, GetObject, ListBucket, DeleteObject on the bucket).")]
    BackupStoreSpec Store,
    [SpecField(Description = "Take a backup, and wait for it to complete, before a rolling update restarts the first broker; a failed backup holds the rollout.")]
    bool BeforeUpgrade = false,
    [SpecField(
        Pattern = SpecPatterns.TimestampPattern,
        Example = "2026-12-03T10:00:00Z",
        Description = "A backup request, written by 'zeebe-operator backup': a new value takes one backup now (UTC, RFC 3339).")]
    string? RequestedAt = null);

/// <summary>How many backups, and how old, to keep; either may be left out.</summary>
public sealed record BackupRetentionSpec(
    [SpecField(Minimum = 1, Maximum = BackupSpecLimits.MaxRetentionCount, Description = "Keep at most this many backups (the newest).")]
    int? Count,
    [SpecField(Example = "P7D", Description = "ISO-8601 duration: delete backups taken longer ago than this.")]
    TimeSpan? MaxAge)
{
    public static BackupRetentionSpec Default { get; } = new(null, null);
}

public sealed record BackupStoreSpec(
    [SpecField(Pattern = SpecPatterns.S3BucketPattern, Description = "S3 bucket name; it must exist and must not be shared with another Zeebe cluster.")]
    string Bucket,
    [SpecField(Pattern = SpecPatterns.S3PrefixPattern, Description = "Key prefix inside the bucket (e.g. the cluster's name), so clusters can share a bucket.")]
    string? BasePath,
    [SpecField(Pattern = SpecPatterns.RegionPattern, Description = "The bucket's region.")]
    string Region,
    [SpecField(Pattern = SpecPatterns.HttpUrlPattern, Description = "An S3-compatible endpoint URL (e.g. MinIO); leave out for AWS S3.")]
    string? Endpoint);

public static class BackupSpecLimits
{
    public const int MaxRetentionCount = 1000;
}
