using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.S3;

/// <summary>
/// <see cref="ISpecStore"/> on an S3 bucket and prefix. Keys are relative to the prefix; only <c>*.json</c> objects
/// directly under it are specs (sub-folders such as an archive are ignored). Writes use S3 conditional writes:
/// <c>If-None-Match: *</c> to create, <c>If-Match: {etag}</c> to replace; 412 and 409 become Conflict.
/// ETags are kept exactly as S3 returns them (quoted), in listings, reads and writes alike.
/// </summary>
public sealed class S3SpecStore(IAmazonS3 s3, IOptions<AwsOptions> options) : ISpecStore
{
    private const string ServiceName = "S3";
    private readonly string _bucket = options.Value.SpecBucket;
    private readonly string _prefix = options.Value.NormalizedSpecPrefix;

    public async Task<IReadOnlyList<SpecObject>> ListAsync(CancellationToken cancellationToken)
    {
        var specs = new List<SpecObject>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix };
        do
        {
            var page = await AwsErrorMapper.GuardAsync(
                ServiceName, "ListObjectsV2", () => s3.ListObjectsV2Async(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                var key = item.Key[_prefix.Length..];
                if (key.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !key.Contains('/', StringComparison.Ordinal))
                {
                    specs.Add(new SpecObject(key, item.ETag, new DateTimeOffset(item.LastModified ?? DateTime.UnixEpoch, TimeSpan.Zero)));
                }
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));

        return specs;
    }

    public Task<SpecContent> GetAsync(string key, CancellationToken cancellationToken) =>
        AwsErrorMapper.GuardAsync(
            ServiceName,
            "GetObject",
            async () =>
            {
                using var response = await s3.GetObjectAsync(_bucket, _prefix + key, cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(response.ResponseStream);
                var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                return new SpecContent(key, response.ETag, body);
            },
            cancellationToken);

    public Task<string> PutAsync(string key, string body, WriteCondition condition, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = _prefix + key,
            ContentBody = body,
            ContentType = "application/json",

            // Specs are small: sign the whole payload rather than aws-chunked streaming, which AWS-compatible stores handle unevenly.
            UseChunkEncoding = false,
        };
        if (condition.IfNoneMatch)
        {
            request.IfNoneMatch = "*";
        }
        else
        {
            request.IfMatch = condition.IfMatch;
        }

        return AwsErrorMapper.GuardAsync(
            ServiceName,
            "PutObject",
            async () => (await s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false)).ETag,
            cancellationToken);
    }
}
