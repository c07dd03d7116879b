using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using GetQueueAttributesRequest = Amazon.SQS.Model.GetQueueAttributesRequest;
using QueueDoesNotExistException = Amazon.SQS.Model.QueueDoesNotExistException;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws;

/// <summary>What a start-up problem is about; the CLI turns each into its own exit code.</summary>
public enum StartupProblemKind
{
    /// <summary>AWS cannot be called at all: no credentials, the endpoint does not answer, a call timed out.</summary>
    Connection,

    /// <summary>The spec bucket is missing, in another region, or may not be listed.</summary>
    SpecBucket,

    /// <summary>The table is missing, not ACTIVE, lacks its index, or may not be described or created.</summary>
    Table,

    /// <summary>A configured queue (<c>Events:QueueUrl</c>, <c>Notify:QueueUrl</c>) is missing or may not be used.</summary>
    Queue,
}

/// <summary>One start-up problem as one sentence: what is wrong and what to do about it.</summary>
public sealed record StartupProblem(StartupProblemKind Kind, string Message);

/// <summary>The outcome of <see cref="StartupCheck"/>: one clear sentence per problem, no stack traces.</summary>
public sealed record StartupCheckResult(IReadOnlyList<StartupProblem> Problems)
{
    public bool Ok => Problems.Count == 0;

    /// <summary>True when <c>--create-table</c> created the table during the check.</summary>
    public bool TableCreated { get; init; }
}

/// <summary>
/// Verifies, before the operator starts, that the spec bucket can be listed (ListObjectsV2, one key), that the
/// table exists, is ACTIVE and has its status index (DescribeTable), creating it first when asked to, and that each
/// configured queue exists and may be used (GetQueueAttributes, which takes no message); turns the usual mistakes into
/// one message each.
/// </summary>
public sealed class StartupCheck(
    IAmazonS3 s3,
    IAmazonDynamoDB dynamoDb,
    TableProvisioner provisioner,
    IOptions<AwsOptions> options,
    IAmazonSQS? sqs = null,
    IOptions<EventsOptions>? events = null,
    IOptions<NotifyOptions>? notify = null)
{
    private const string BucketRegionHeader = "x-amz-bucket-region";
    private readonly AwsOptions _options = options.Value;

    public Task<StartupCheckResult> RunAsync(CancellationToken cancellationToken) => RunAsync(createMissingTable: false, cancellationToken);

    /// <param name="createMissingTable">Create the table (key schema, index, TTL) when DescribeTable says it is missing.</param>
    public async Task<StartupCheckResult> RunAsync(bool createMissingTable, CancellationToken cancellationToken)
    {
        // Concurrently: an endpoint that refuses connections costs every retry's backoff, once per service.
        var bucketCheck = CheckBucketAsync(cancellationToken);
        var tableCheck = CheckTableAsync(createMissingTable, cancellationToken);
        var eventsCheck = CheckQueueAsync(new QueueUse("events", $"{EventsOptions.SectionName}:{nameof(EventsOptions.QueueUrl)}", "sqs:ReceiveMessage and sqs:DeleteMessage"), events?.Value.QueueUrl, cancellationToken);
        var notifyCheck = CheckQueueAsync(new QueueUse("notifications", $"{NotifyOptions.SectionName}:{nameof(NotifyOptions.QueueUrl)}", "sqs:SendMessage"), notify?.Value.QueueUrl, cancellationToken);
        await Task.WhenAll(bucketCheck, tableCheck, eventsCheck, notifyCheck).ConfigureAwait(false);
        var problems = new List<StartupProblem>();
        if (await bucketCheck.ConfigureAwait(false) is { } bucketProblem)
        {
            problems.Add(bucketProblem);
        }

        var (tableProblem, created) = await tableCheck.ConfigureAwait(false);
        foreach (var problem in new[] { tableProblem, await eventsCheck.ConfigureAwait(false), await notifyCheck.ConfigureAwait(false) })
        {
            // An unreachable endpoint or rejected credentials are said once, not once per service.
            if (problem is not null && !problems.Any(p => p.Message == problem.Message))
            {
                problems.Add(problem);
            }
        }

        return new StartupCheckResult(problems) { TableCreated = created };
    }

    /// <summary>
    /// A failed call of the spec, status or audit store (the spec verbs) as the same one sentence the check gives for
    /// it: the bucket or table named, and what to do. Null for a failure that is not an S3 or DynamoDB call's.
    /// </summary>
    public StartupProblem? Explain(AwsApiException failure)
    {
        var cause = failure.InnerException ?? failure;
        return failure.Service switch
        {
            "S3" => BucketProblem(cause, failure.Operation, CancellationToken.None),
            "DynamoDB" => TableProblem(cause, failure.Operation, CancellationToken.None),
            _ => null,
        };
    }

    private async Task<StartupProblem?> CheckBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await s3.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = _options.SpecBucket, Prefix = _options.NormalizedSpecPrefix, MaxKeys = 1 },
                cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (BucketProblem(e, operation: null, cancellationToken) is { } problem)
        {
            return problem;
        }
    }

    /// <param name="operation">The S3 call that failed; null for the check's own listing.</param>
    private StartupProblem? BucketProblem(Exception e, string? operation, CancellationToken cancellationToken)
    {
        var bucket = _options.SpecBucket;
        var location = $"s3://{bucket}/{_options.NormalizedSpecPrefix}";
        if (e is AmazonServiceException { ErrorCode: "NoSuchBucket" })
        {
            return Bucket($"the spec bucket '{bucket}' does not exist{At(s3.Config)}; create it, or point --bucket (Aws:SpecBucket) at an existing one");
        }

        if (e is AmazonServiceException redirected && IsWrongRegion(redirected))
        {
            var actual = BucketRegionOf(redirected);
            return Bucket(actual is null
                ? $"the spec bucket '{bucket}' is not in {Region(s3.Config)}; set --region (Aws:Region, AWS_REGION) to the bucket's region"
                : $"the spec bucket '{bucket}' is in {actual}, not in {Region(s3.Config)}; run with --region {actual} (Aws:Region, AWS_REGION)");
        }

        return ServiceProblem(
            e,
            "S3",
            s3.Config,
            denied => Bucket($"access denied {(operation is null ? "listing" : $"for {operation} on")} {location} ({denied.ErrorCode}); the operator needs s3:ListBucket on the bucket and s3:GetObject and s3:PutObject on the prefix"),
            other => Bucket(operation is null
                ? $"cannot list the spec bucket '{bucket}': {Describe(other)}"
                : $"S3 {operation} on the spec bucket '{bucket}' failed: {Describe(other)}"),
            cancellationToken);
    }

    /// <summary>GetQueueAttributes on a configured queue: it takes no message, and needs only sqs:GetQueueAttributes.</summary>
    private async Task<StartupProblem?> CheckQueueAsync(QueueUse use, string? queueUrl, CancellationToken cancellationToken)
    {
        if (sqs is null || string.IsNullOrWhiteSpace(queueUrl))
        {
            return null;
        }

        try
        {
            await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (QueueProblem(e, use, queueUrl, cancellationToken) is { } problem)
        {
            return problem;
        }
    }

    private StartupProblem? QueueProblem(Exception e, QueueUse use, string queueUrl, CancellationToken cancellationToken)
    {
        if (e is QueueDoesNotExistException || e is AmazonServiceException { ErrorCode: "AWS.SimpleQueueService.NonExistentQueue" or "QueueDoesNotExist" })
        {
            return Queue($"the {use.Name} queue {queueUrl} ({use.Setting}) does not exist{At(sqs?.Config)}; create it, or correct {use.Setting}");
        }

        return ServiceProblem(
            e,
            "SQS",
            sqs?.Config,
            denied => Queue($"access denied reading the attributes of the {use.Name} queue {queueUrl} ({use.Setting}, {denied.ErrorCode}); the operator needs sqs:GetQueueAttributes and {use.Needs} on it"),
            other => Queue($"cannot check the {use.Name} queue {queueUrl} ({use.Setting}): {Describe(other)}"),
            cancellationToken);
    }

    /// <summary>A queue the operator uses: what it is for, the setting that names it, and the actions it needs on it.</summary>
    private sealed record QueueUse(string Name, string Setting, string Needs);

    private async Task<(StartupProblem? Problem, bool Created)> CheckTableAsync(bool createMissingTable, CancellationToken cancellationToken)
    {
        var table = _options.TableName;
        var created = false;
        try
        {
            var description = await DescribeTableAsync(cancellationToken).ConfigureAwait(false);
            if (description is null && createMissingTable)
            {
                created = (await provisioner.EnsureTableAsync(cancellationToken).ConfigureAwait(false)).Created;
                description = await DescribeTableAsync(cancellationToken).ConfigureAwait(false);
            }

            return (Assess(description), created);
        }
        catch (AwsApiException e) when (e.InnerException is AmazonServiceException inner && IsBadCredentials(inner))
        {
            return (Connection(BadCredentials(inner, "DynamoDB")), created);
        }
        catch (AwsApiException e) when (e.Kind == AwsErrorKind.AccessDenied)
        {
            return (Table($"access denied for {e.Operation} on the table '{table}' ({e.ErrorCode}); --create-table needs dynamodb:CreateTable, dynamodb:DescribeTable and dynamodb:UpdateTimeToLive"), created);
        }
        catch (AwsApiException e) when (e.InnerException is { } inner && ReachProblem(inner, "DynamoDB", dynamoDb.Config, cancellationToken) is { } problem)
        {
            return (problem, created);
        }
        catch (AwsApiException e)
        {
            return (Table($"cannot create the table '{table}': {e.Operation}: {e.ErrorCode}: {FirstLine(e.ErrorMessage)}"), created);
        }
        catch (TableNotActiveException e)
        {
            return (Table($"the table '{table}' is still {e.Status} after waiting {e.Waited} for it to become ACTIVE; start the operator again once it is"), created);
        }
        catch (Exception e) when (TableProblem(e, operation: null, cancellationToken) is { } problem)
        {
            return (problem, created);
        }
    }

    /// <param name="operation">The DynamoDB call that failed; null for the check's own DescribeTable.</param>
    private StartupProblem? TableProblem(Exception e, string? operation, CancellationToken cancellationToken)
    {
        var table = _options.TableName;
        return e is ResourceNotFoundException
            ? Assess(description: null)
            : ServiceProblem(
                e,
                "DynamoDB",
                dynamoDb.Config,
                denied => Table($"access denied {(operation is null ? "describing" : $"for {operation} on")} the table '{table}' ({denied.ErrorCode}); the operator needs dynamodb:DescribeTable, GetItem, PutItem, UpdateItem, ConditionCheckItem and Query on it and its index"),
                other => Table(operation is null
                    ? $"cannot describe the table '{table}': {Describe(other)}"
                    : $"DynamoDB {operation} on the table '{table}' failed: {Describe(other)}"),
                cancellationToken);
    }

    /// <summary>
    /// Rejected credentials and an endpoint that cannot be reached are about AWS, not the bucket or table; access
    /// denied and any other error of the service are, in the caller's words. Null: not a failure of the service call.
    /// </summary>
    private static StartupProblem? ServiceProblem(
        Exception e,
        string service,
        IClientConfig? config,
        Func<AmazonServiceException, StartupProblem> accessDenied,
        Func<AmazonServiceException, StartupProblem> unexplained,
        CancellationToken cancellationToken)
    {
        if (e is AmazonServiceException rejected && IsBadCredentials(rejected))
        {
            return Connection(BadCredentials(rejected, service));
        }

        if (e is AmazonServiceException denied && IsAccessDenied(denied))
        {
            return accessDenied(denied);
        }

        return ReachProblem(e, service, config, cancellationToken) ?? (e is AmazonServiceException other ? unexplained(other) : null);
    }

    /// <summary>The table's description, or null when DynamoDB says it does not exist.</summary>
    private async Task<TableDescription?> DescribeTableAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await dynamoDb.DescribeTableAsync(_options.TableName, cancellationToken).ConfigureAwait(false)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private StartupProblem? Assess(TableDescription? description)
    {
        var table = _options.TableName;
        if (description is null)
        {
            return Table($"the table '{table}' does not exist{At(dynamoDb.Config)}; run once with --create-table, deploy samples/aws/dynamodb-table.json, or set --table (Aws:TableName)");
        }

        // UPDATING (a capacity or index change) still serves reads and writes; CREATING, DELETING, ARCHIVED... do not.
        var status = description.TableStatus?.Value;
        if (status is not null && status != TableStatus.ACTIVE && status != TableStatus.UPDATING)
        {
            return Table(status == TableStatus.CREATING
                ? $"the table '{table}' is still CREATING; start the operator again once it is ACTIVE"
                : $"the table '{table}' is {status}, not ACTIVE");
        }

        var hasIndex = (description.GlobalSecondaryIndexes ?? []).Any(i => i.IndexName == OperatorTable.StatusIndexName);
        return hasIndex
            ? null
            : Table($"the table '{table}' has no '{OperatorTable.StatusIndexName}' index; it was not created by --create-table or samples/aws/dynamodb-table.json: recreate it, or point --table at one that was");
    }

    private string Region(IClientConfig? config) =>
        _options.Region ?? config?.RegionEndpoint?.SystemName ?? config?.AuthenticationRegion ?? "the configured region";

    private string At(IClientConfig? config) =>
        string.IsNullOrEmpty(config?.ServiceURL) ? $" in {Region(config)}" : $" at {config.ServiceURL}";

    private static StartupProblem Bucket(string message) => new(StartupProblemKind.SpecBucket, message);

    private static StartupProblem Table(string message) => new(StartupProblemKind.Table, message);

    private static StartupProblem Queue(string message) => new(StartupProblemKind.Queue, message);

    private static StartupProblem Connection(string message) => new(StartupProblemKind.Connection, message);

    private static bool IsWrongRegion(AmazonServiceException e) =>
        e.StatusCode == HttpStatusCode.MovedPermanently
        || e.ErrorCode is "PermanentRedirect" or "AuthorizationHeaderMalformed" or "IllegalLocationConstraintException";

    /// <summary>S3 names the bucket's region in the <c>x-amz-bucket-region</c> header of a redirect or region error.</summary>
    private static string? BucketRegionOf(AmazonServiceException e) =>
        e.InnerException is HttpErrorResponseException { Response: { } response } && response.IsHeaderPresent(BucketRegionHeader)
            ? response.GetHeaderValue(BucketRegionHeader)
            : null;

    private static bool IsBadCredentials(AmazonServiceException e) =>
        e.ErrorCode is "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "UnrecognizedClientException"
            or "InvalidClientTokenId" or "ExpiredToken" or "ExpiredTokenException" or "InvalidSignatureException";

    private static bool IsAccessDenied(AmazonServiceException e) =>
        e.StatusCode == HttpStatusCode.Forbidden || e.ErrorCode?.StartsWith("AccessDenied", StringComparison.Ordinal) == true;

    private static string BadCredentials(AmazonServiceException e, string service) =>
        $"{service} does not accept the AWS credentials ({e.ErrorCode}); check AWS_PROFILE or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), and that they are for this account and not expired";

    /// <summary>No credentials, a connection that fails, or a call that times out: nothing to do with the bucket or table.</summary>
    private static StartupProblem? ReachProblem(Exception e, string service, IClientConfig? config, CancellationToken cancellationToken)
    {
        var endpoint = string.IsNullOrEmpty(config?.ServiceURL) ? $"{service}'s endpoint" : $"{service} at {config.ServiceURL}";
        if (e is AmazonClientException && e.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase))
        {
            return Connection("no AWS credentials were found; set AWS_PROFILE (or Aws:Profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with a task or instance role");
        }

        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException || (inner is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var timeout = config?.Timeout is { } t ? $" within {t}" : string.Empty;
                return Connection($"{endpoint} did not answer{timeout}; check the endpoint and the network, or raise Aws:Timeout");
            }
        }

        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException or SocketException)
            {
                return Connection($"cannot reach {endpoint}: {FirstLine(inner.Message)}; check --endpoint-url (Aws:EndpointUrl, AWS_ENDPOINT_URL), --region and the network");
            }
        }

        return e is AmazonClientException ? Connection($"cannot call {service}: {FirstLine(e.Message)}") : null;
    }

    private static string Describe(AmazonServiceException e) =>
        $"{(string.IsNullOrEmpty(e.ErrorCode) ? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : e.ErrorCode)}: {FirstLine(e.Message)}";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
