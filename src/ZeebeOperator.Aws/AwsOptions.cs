using System.ComponentModel.DataAnnotations;
using ZeebeOperator.Core.Configuration;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;

namespace ZeebeOperator.Aws;

/// <summary>Where the operator finds AWS: bound from the configuration section <c>Aws</c>.</summary>
public sealed class AwsOptions : IValidatableObject
{
    public const string SectionName = "Aws";

    public const int MaxErrorRetryLimit = 10;

    public static readonly TimeSpan TimeoutLimit = TimeSpan.FromMinutes(15);

    /// <summary>The region (e.g. <c>eu-west-1</c>); when empty the SDK's chain decides (AWS_REGION, profile, instance metadata).</summary>
    public string? Region { get; set; }

    /// <summary>A named profile from the shared config/credentials files; when empty the default credential chain applies.</summary>
    public string? Profile { get; set; }

    /// <summary>
    /// One endpoint for every service (an AWS-compatible endpoint such as LocalStack). When empty, AWS_ENDPOINT_URL and
    /// AWS_ENDPOINT_URL_{S3,DYNAMODB,ECS,SERVICEDISCOVERY,EFS} still apply, as the SDK reads them.
    /// </summary>
    public string? EndpointUrl { get; set; }

    /// <summary>Path-style S3 addressing; defaults to on when <see cref="EndpointUrl"/> is set.</summary>
    public bool? S3ForcePathStyle { get; set; }

    /// <summary>The bucket users commit <c>ZeebeCluster</c> specs to.</summary>
    [RequiredKey("--bucket")]
    public string SpecBucket { get; set; } = string.Empty;

    /// <summary>The key prefix of the spec objects; <c>{prefix}{cluster}.json</c>.</summary>
    public string SpecPrefix { get; set; } = "clusters/";

    /// <summary>The DynamoDB table for status and audit records.</summary>
    [RequiredKey("--table")]
    public string TableName { get; set; } = "zeebe-operator";

    /// <summary>How long audit records live before DynamoDB's TTL removes them.</summary>
    [AtLeast(1)]
    public int AuditRetentionDays { get; set; } = 90;

    /// <summary>
    /// How often every client retries a failed or throttled call itself (standard retry mode, jittered backoff). None by
    /// default: every caller already sits in a loop that retries on its own schedule — <see cref="ThrottlingRetry"/>
    /// for throttled calls of a reconcile (with a fencing check before each retry), the work queue for failed
    /// reconciles, the next poll, the next lease round — and retries here would multiply with those.
    /// </summary>
    [Between(0, MaxErrorRetryLimit)]
    public int MaxErrorRetry { get; set; }

    /// <summary>How long one HTTP attempt of any client may take; null leaves the SDK's default (100 s).</summary>
    public TimeSpan? Timeout { get; set; } = DefaultTimeout;

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The SDK's own timeout when <see cref="Timeout"/> is null.</summary>
    public static TimeSpan SdkTimeout { get; } = TimeSpan.FromSeconds(100);

    /// <summary>One attempt of a call as the core's <see cref="RetryBudget"/> counts it.</summary>
    public CallTransport ToCallTransport()
    {
        // The SDK's standard retry policy waits up to 2^(retry-1) s, at most 20 s, before each of its retries.
        var backoff = TimeSpan.Zero;
        for (var retry = 0; retry < MaxErrorRetry; retry++)
        {
            backoff += Backoff.Exponential(retry, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        }

        return new CallTransport(Timeout ?? SdkTimeout, MaxErrorRetry, backoff);
    }

    /// <summary>The spec prefix with exactly one trailing slash, or empty.</summary>
    public string NormalizedSpecPrefix =>
        string.IsNullOrWhiteSpace(SpecPrefix) ? string.Empty : SpecPrefix.Trim().Trim('/') + "/";

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(EndpointUrl)
            && (!Uri.TryCreate(EndpointUrl, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            yield return new($"{SectionName}:{nameof(EndpointUrl)} '{EndpointUrl}' is not an absolute http(s) URL.");
        }

        if (Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeoutLimit))
        {
            yield return new($"{SectionName}:{nameof(Timeout)} must be a positive duration of at most {TimeoutLimit} such as 00:00:30 (was {timeout}).");
        }
    }
}
