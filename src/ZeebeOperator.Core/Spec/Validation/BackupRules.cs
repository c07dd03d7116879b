namespace ZeebeOperator.Core.Spec.Validation;

/// <summary><c>spec.backup</c>: the schedule, retention, the S3 store and the request timestamp.</summary>
internal static class BackupRules
{
    private static readonly string SchedulePath = SpecPath.Of(d => d.Spec.Backup!.Schedule);
    private static readonly string CountPath = SpecPath.Of(d => d.Spec.Backup!.Retention.Count);
    private static readonly string MaxAgePath = SpecPath.Of(d => d.Spec.Backup!.Retention.MaxAge);
    private static readonly string BucketPath = SpecPath.Of(d => d.Spec.Backup!.Store.Bucket);
    private static readonly string BasePathPath = SpecPath.Of(d => d.Spec.Backup!.Store.BasePath);
    private static readonly string RegionPath = SpecPath.Of(d => d.Spec.Backup!.Store.Region);
    private static readonly string EndpointPath = SpecPath.Of(d => d.Spec.Backup!.Store.Endpoint);
    private static readonly string RequestedAtPath = SpecPath.Of(d => d.Spec.Backup!.RequestedAt);

    public static void Check(BackupSpec? backup, ICollection<SpecError> errors)
    {
        if (backup is null)
        {
            return;
        }

        if (backup.Schedule is { } schedule)
        {
            CronScheduleRules.Check(SchedulePath, schedule, errors);
        }

        if (backup.Retention.Count is < 1 or > BackupSpecLimits.MaxRetentionCount)
        {
            errors.Add(CountPath, $"must be between 1 and {BackupSpecLimits.MaxRetentionCount} (leave it out to keep any number)");
        }

        if (backup.Retention.MaxAge is { } maxAge && maxAge <= TimeSpan.Zero)
        {
            errors.Add(MaxAgePath, "must be longer than zero, such as \"P7D\" (leave it out to keep backups of any age)");
        }

        var store = backup.Store;
        if (!SpecPatterns.S3Bucket().IsMatch(store.Bucket) || store.Bucket.Contains("..", StringComparison.Ordinal))
        {
            errors.Add(BucketPath, "must be an S3 bucket name: 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit");
        }

        if (store.BasePath is { } basePath && (!SpecPatterns.S3Prefix().IsMatch(basePath) || basePath.StartsWith('/') || basePath.EndsWith('/')))
        {
            errors.Add(BasePathPath, "must be an S3 key prefix of letters, digits and !_.*'()/- (at most 512 characters), not starting or ending with '/'");
        }

        if (!SpecPatterns.Region().IsMatch(store.Region))
        {
            errors.Add(RegionPath, "must be an AWS region such as \"eu-central-1\"");
        }

        if (store.Endpoint is { } endpoint && !SpecPatterns.HttpUrl().IsMatch(endpoint))
        {
            errors.Add(EndpointPath, "must be an http:// or https:// URL such as \"https://minio.internal:9000\"");
        }

        if (backup.RequestedAt is { } requestedAt && !RestartRules.TryParse(requestedAt, out _))
        {
            errors.Add(RequestedAtPath, "must be a UTC timestamp such as \"2026-12-03T10:00:00Z\" (RFC 3339, ending in Z)");
        }
    }
}
