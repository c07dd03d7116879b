using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.DynamoDb;

namespace ZeebeOperator.Aws;

/// <summary>The outcome of <see cref="StartupCheck"/>: one clear sentence per problem, no stack traces.</summary>
public sealed record StartupCheckResult(IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Verifies, before the operator starts, that the spec bucket can be listed (ListObjectsV2, one key) and the
/// table exists with its status index (DescribeTable); turns the usual mistakes into one message each.
/// </summary>
public sealed class StartupCheck(IAmazonS3 s3, IAmazonDynamoDB dynamoDb, IOptions<AwsOptions> options)
{
    private readonly AwsOptions _options = options.Value;

    public async Task<StartupCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (await CheckBucketAsync(cancellationToken).ConfigureAwait(false) is { } bucketProblem)
        {
            problems.Add(bucketProblem);
        }

        if (await CheckTableAsync(cancellationToken).ConfigureAwait(false) is { } tableProblem)
        {
            problems.Add(tableProblem);
        }

        return new StartupCheckResult([.. problems.Distinct(StringComparer.Ordinal)]);
    }

    private string Region => _options.Region ?? "the default region";

    private async Task<string?> CheckBucketAsync(CancellationToken cancellationToken)
    {
        var bucket = _options.SpecBucket;
        try
        {
            await s3.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = bucket, Prefix = _options.NormalizedSpecPrefix, MaxKeys = 1 },
                cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (AmazonServiceException e) when (e.ErrorCode == "NoSuchBucket")
        {
            return $"The spec bucket '{bucket}' does not exist. Create it or set Aws:SpecBucket.";
        }
        catch (AmazonServiceException e) when (IsWrongRegion(e))
        {
            return $"The spec bucket '{bucket}' is not in {Region}. Set Aws:Region (or AWS_REGION) to the bucket's region.";
        }
        catch (AmazonServiceException e) when (IsAccessDenied(e))
        {
            return $"Access denied listing s3://{bucket}/{_options.NormalizedSpecPrefix} ({e.ErrorCode}). The operator needs s3:ListBucket on the bucket and s3:GetObject and s3:PutObject on the prefix.";
        }
        catch (AmazonServiceException e)
        {
            return $"Cannot list the spec bucket '{bucket}': {Describe(e)}.";
        }
        catch (AmazonClientException e)
        {
            return ClientProblem(e, "S3");
        }
        catch (HttpRequestException e)
        {
            return $"Cannot reach S3: {e.Message}";
        }
    }

    private async Task<string?> CheckTableAsync(CancellationToken cancellationToken)
    {
        var table = _options.TableName;
        try
        {
            var response = await dynamoDb.DescribeTableAsync(table, cancellationToken).ConfigureAwait(false);
            var hasIndex = (response.Table.GlobalSecondaryIndexes ?? []).Any(i => i.IndexName == OperatorTable.StatusIndexName);
            return hasIndex
                ? null
                : $"The table '{table}' has no '{OperatorTable.StatusIndexName}' index; recreate it with --create-table or from samples/aws/dynamodb-table.json.";
        }
        catch (ResourceNotFoundException)
        {
            return $"The table '{table}' does not exist in {Region}. Create it with --create-table or from samples/aws/dynamodb-table.json, or set Aws:TableName.";
        }
        catch (AmazonServiceException e) when (IsAccessDenied(e))
        {
            return $"Access denied describing the table '{table}' ({e.ErrorCode}). The operator needs dynamodb:DescribeTable, GetItem, PutItem and Query on it and its index.";
        }
        catch (AmazonServiceException e)
        {
            return $"Cannot describe the table '{table}': {Describe(e)}.";
        }
        catch (AmazonClientException e)
        {
            return ClientProblem(e, "DynamoDB");
        }
        catch (HttpRequestException e)
        {
            return $"Cannot reach DynamoDB: {e.Message}";
        }
    }

    private static bool IsWrongRegion(AmazonServiceException e) =>
        e.StatusCode == HttpStatusCode.MovedPermanently
        || e.ErrorCode is "PermanentRedirect" or "AuthorizationHeaderMalformed" or "IllegalLocationConstraintException";

    private static bool IsAccessDenied(AmazonServiceException e) =>
        e.StatusCode == HttpStatusCode.Forbidden || e.ErrorCode?.StartsWith("AccessDenied", StringComparison.Ordinal) == true
        || e.ErrorCode is "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "UnrecognizedClientException" or "ExpiredToken" or "ExpiredTokenException";

    private static string ClientProblem(AmazonClientException e, string service) =>
        e.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase)
            ? "No AWS credentials were found. Set Aws:Profile or AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with a task or instance role."
            : $"Cannot call {service}: {FirstLine(e.Message)}";

    private static string Describe(AmazonServiceException e) =>
        $"{(string.IsNullOrEmpty(e.ErrorCode) ? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : e.ErrorCode)}: {FirstLine(e.Message)}";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
