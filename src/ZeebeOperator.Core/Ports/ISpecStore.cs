namespace ZeebeOperator.Core.Ports;

/// <summary>A spec object as a listing shows it; a new ETag means new content.</summary>
public sealed record SpecObject(string Key, string ETag, DateTimeOffset LastModified);

public sealed record SpecContent(string Key, string ETag, string Body);

/// <summary>Optimistic concurrency for writes: create only if absent, or replace only the version read.</summary>
public sealed record WriteCondition
{
    private WriteCondition(string? ifMatch) => IfMatch = ifMatch;

    public string? IfMatch { get; }

    public bool IfNoneMatch => IfMatch is null;

    public static WriteCondition CreateOnly { get; } = new((string?)null);

    public static WriteCondition Replacing(string etag) => new(etag);
}

/// <summary>Where users commit specs (S3 in production): listed by ETag, read, and written with preconditions.</summary>
public interface ISpecStore
{
    [AwsOperation("s3", "ListObjectsV2", IamAction = "s3:ListBucket")]
    Task<IReadOnlyList<SpecObject>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Throws <see cref="AwsApiException"/> NotFound when the key is absent.</summary>
    [AwsOperation("s3", "GetObject")]
    Task<SpecContent> GetAsync([Target] string key, CancellationToken cancellationToken);

    /// <summary>Writes and returns the new ETag; throws Conflict when the precondition fails.</summary>
    [AwsOperation("s3", "PutObject", Mutates = true)]
    Task<string> PutAsync([Target] string key, string body, WriteCondition condition, CancellationToken cancellationToken);
}
