using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using GetQueueAttributesRequest = Amazon.SQS.Model.GetQueueAttributesRequest;
using GetQueueAttributesResponse = Amazon.SQS.Model.GetQueueAttributesResponse;
using QueueDoesNotExistException = Amazon.SQS.Model.QueueDoesNotExistException;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Notifications;

namespace ZeebeOperator.Aws.Tests;

public sealed class StartupCheckTests
{
    private const string EventsQueue = "https://sqs.eu-west-1.amazonaws.com/123456789012/zeebe-operator-events";
    private const string NotifyQueue = "https://sqs.eu-west-1.amazonaws.com/123456789012/zeebe-operator-notifications";

    private static readonly AwsOptions Options = new() { Region = "eu-west-1", SpecBucket = "zeebe-specs", SpecPrefix = "clusters/", TableName = "zeebe-operator" };

    [Fact]
    public async Task A_healthy_setup_has_no_problems()
    {
        var result = await Check(s3Error: null, tableError: null).RunAsync(default);

        Assert.True(result.Ok);
    }

    [Theory]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, "the spec bucket 'zeebe-specs' does not exist in eu-west-1")]
    [InlineData("PermanentRedirect", HttpStatusCode.MovedPermanently, "is not in eu-west-1")]
    [InlineData("AuthorizationHeaderMalformed", HttpStatusCode.BadRequest, "is not in eu-west-1")]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, "access denied listing s3://zeebe-specs/clusters/")]
    public async Task Bucket_problems_become_one_sentence(string code, HttpStatusCode status, string expected)
    {
        var error = new AmazonS3Exception("boom\n   at Some.Stack.Trace()", ErrorType.Sender, code, "r1", status);

        var problem = Assert.Single((await Check(error, null).RunAsync(default)).Problems);

        Assert.Equal(StartupProblemKind.SpecBucket, problem.Kind);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack.Trace", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_table_and_a_table_without_the_status_index_are_reported()
    {
        var missing = Assert.Single((await Check(null, new ResourceNotFoundException("Requested resource not found")).RunAsync(default)).Problems).Message;
        var noIndex = Assert.Single((await Check(null, null, withIndex: false).RunAsync(default)).Problems).Message;

        Assert.Contains("the table 'zeebe-operator' does not exist in eu-west-1", missing, StringComparison.Ordinal);
        Assert.Contains("--create-table", missing, StringComparison.Ordinal);
        Assert.Contains("has no 'status-index' index", noIndex, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_table_without_permission_says_which_permissions_it_needs()
    {
        var dynamo = new Mock<IAmazonDynamoDB>();
        dynamo.Setup(c => c.DescribeTableAsync("zeebe-operator", It.IsAny<CancellationToken>())).ThrowsAsync(new ResourceNotFoundException("Requested resource not found"));
        dynamo.Setup(c => c.CreateTableAsync(It.IsAny<CreateTableRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonDynamoDBException("User: arn:aws:iam::1:user/ops is not authorized to perform: dynamodb:CreateTable", ErrorType.Sender, "AccessDeniedException", "r1", HttpStatusCode.BadRequest));

        var problem = Assert.Single((await Check(ListingS3(null), dynamo).RunAsync(createMissingTable: true, default)).Problems);

        Assert.Equal(StartupProblemKind.Table, problem.Kind);
        Assert.StartsWith("access denied for CreateTable on the table 'zeebe-operator' (AccessDeniedException); --create-table needs dynamodb:CreateTable", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CREATING", "the table 'zeebe-operator' is still CREATING; start the operator again once it is ACTIVE")]
    [InlineData("DELETING", "the table 'zeebe-operator' is DELETING, not ACTIVE")]
    public async Task A_table_that_is_not_ACTIVE_is_reported(string status, string expected)
    {
        var dynamo = new Mock<IAmazonDynamoDB>();
        dynamo.Setup(c => c.DescribeTableAsync("zeebe-operator", It.IsAny<CancellationToken>())).ReturnsAsync(new DescribeTableResponse
        {
            Table = new TableDescription
            {
                TableName = "zeebe-operator",
                TableStatus = new TableStatus(status),
                GlobalSecondaryIndexes = [new GlobalSecondaryIndexDescription { IndexName = OperatorTable.StatusIndexName }],
            },
        });

        var problem = Assert.Single((await Check(ListingS3(null), dynamo).RunAsync(default)).Problems);

        Assert.Equal(expected, problem.Message);
    }

    [Fact]
    public async Task A_created_table_that_stays_CREATING_is_a_table_problem_naming_the_wait()
    {
        var dynamo = new Mock<IAmazonDynamoDB>();
        dynamo.SetupSequence(c => c.DescribeTableAsync("zeebe-operator", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceNotFoundException("Requested resource not found"))
            .ReturnsAsync(new DescribeTableResponse { Table = new TableDescription { TableName = "zeebe-operator", TableStatus = TableStatus.CREATING } });
        dynamo.Setup(c => c.CreateTableAsync(It.IsAny<CreateTableRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new CreateTableResponse());
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var provisioner = new TableProvisioner(dynamo.Object, options, TimeProvider.System, NullLogger<TableProvisioner>.Instance) { ActivationTimeout = TimeSpan.Zero };

        var problem = Assert.Single((await new StartupCheck(ListingS3(null).Object, dynamo.Object, provisioner, options).RunAsync(createMissingTable: true, default)).Problems);

        Assert.Equal(StartupProblemKind.Table, problem.Kind);
        Assert.Equal("the table 'zeebe-operator' is still CREATING after waiting 00:00:00 for it to become ACTIVE; start the operator again once it is", problem.Message);
    }

    [Fact]
    public void A_store_call_refused_for_lack_of_permission_names_the_call_the_bucket_and_the_table()
    {
        var check = Check(s3Error: null, tableError: null);
        var s3 = new AmazonS3Exception("Access Denied", ErrorType.Sender, "AccessDenied", "r1", HttpStatusCode.Forbidden);
        var dynamo = new AmazonDynamoDBException("not authorized to perform: dynamodb:Query", ErrorType.Sender, "AccessDeniedException", "r2", HttpStatusCode.BadRequest);

        var bucket = check.Explain(new ZeebeOperator.Core.Ports.AwsApiException("S3", "PutObject", ZeebeOperator.Core.Ports.AwsErrorKind.AccessDenied, "AccessDenied", s3.Message, s3));
        var table = check.Explain(new ZeebeOperator.Core.Ports.AwsApiException("DynamoDB", "Query", ZeebeOperator.Core.Ports.AwsErrorKind.AccessDenied, "AccessDeniedException", dynamo.Message, dynamo));

        Assert.Equal(
            new StartupProblem(StartupProblemKind.SpecBucket, "access denied for PutObject on s3://zeebe-specs/clusters/ (AccessDenied); the operator needs s3:ListBucket on the bucket and s3:GetObject and s3:PutObject on the prefix"),
            bucket);
        Assert.Equal(
            new StartupProblem(StartupProblemKind.Table, "access denied for Query on the table 'zeebe-operator' (AccessDeniedException); the operator needs dynamodb:DescribeTable, GetItem, PutItem, UpdateItem, ConditionCheckItem and Query on it and its index"),
            table);
    }

    [Fact]
    public async Task Missing_credentials_are_reported_once()
    {
        var s3 = new AmazonClientException("Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors: ...");
        var dynamo = new AmazonClientException("Failed to resolve AWS credentials. ...");

        var problem = Assert.Single((await Check(s3, dynamo).RunAsync(default)).Problems);

        Assert.Equal(StartupProblemKind.Connection, problem.Kind);
        Assert.StartsWith("no AWS credentials were found;", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_queues_that_exist_and_may_be_used_pass_and_are_only_asked_for_their_attributes()
    {
        var sqs = Queues(eventsError: null, notifyError: null);

        var result = await Check(ListingS3(null), HealthyTable(), sqs).RunAsync(default);

        Assert.True(result.Ok);
        sqs.Verify(c => c.GetQueueAttributesAsync(It.Is<GetQueueAttributesRequest>(r => r.QueueUrl == EventsQueue), It.IsAny<CancellationToken>()), Times.Once);
        sqs.Verify(c => c.GetQueueAttributesAsync(It.Is<GetQueueAttributesRequest>(r => r.QueueUrl == NotifyQueue), It.IsAny<CancellationToken>()), Times.Once);
        sqs.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_missing_events_queue_and_a_notifications_queue_without_permission_get_a_line_each()
    {
        var missing = new QueueDoesNotExistException("The specified queue does not exist.") { ErrorCode = "AWS.SimpleQueueService.NonExistentQueue", StatusCode = HttpStatusCode.BadRequest };
        var denied = new AmazonSQSException("not authorized to perform: sqs:getqueueattributes", ErrorType.Sender, "AccessDenied", "r1", HttpStatusCode.Forbidden);

        var problems = (await Check(ListingS3(null), HealthyTable(), Queues(missing, denied)).RunAsync(default)).Problems;

        Assert.Equal(
            [
                new StartupProblem(StartupProblemKind.Queue, $"the events queue {EventsQueue} (Events:QueueUrl) does not exist in eu-west-1; create it, or correct Events:QueueUrl"),
                new StartupProblem(StartupProblemKind.Queue, $"access denied reading the attributes of the notifications queue {NotifyQueue} (Notify:QueueUrl, AccessDenied); the operator needs sqs:GetQueueAttributes and sqs:SendMessage on it"),
            ],
            problems);
    }

    [Fact]
    public async Task Rejected_credentials_are_said_once_for_every_service()
    {
        var rejected = new AmazonSQSException("The security token included in the request is invalid.", ErrorType.Sender, "InvalidClientTokenId", "r1", HttpStatusCode.Forbidden);
        var s3 = new AmazonS3Exception("The AWS Access Key Id you provided does not exist in our records.", ErrorType.Sender, "InvalidClientTokenId", "r2", HttpStatusCode.Forbidden);

        var problems = (await Check(ListingS3(s3), HealthyTable(), Queues(rejected, rejected)).RunAsync(default)).Problems;

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(StartupProblemKind.Connection, p.Kind));
        Assert.Contains("S3 does not accept the AWS credentials", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("SQS does not accept the AWS credentials", problems[1].Message, StringComparison.Ordinal);
    }

    private static Mock<IAmazonDynamoDB> HealthyTable()
    {
        var dynamo = new Mock<IAmazonDynamoDB>();
        dynamo.Setup(c => c.DescribeTableAsync("zeebe-operator", It.IsAny<CancellationToken>())).ReturnsAsync(new DescribeTableResponse
        {
            Table = new TableDescription
            {
                TableName = "zeebe-operator",
                TableStatus = TableStatus.ACTIVE,
                GlobalSecondaryIndexes = [new GlobalSecondaryIndexDescription { IndexName = OperatorTable.StatusIndexName }],
            },
        });
        return dynamo;
    }

    private static StartupCheck Check(Exception? s3Error, Exception? tableError, bool withIndex = true)
    {
        var dynamo = new Mock<IAmazonDynamoDB>();
        var describe = dynamo.Setup(c => c.DescribeTableAsync("zeebe-operator", It.IsAny<CancellationToken>()));
        if (tableError is null)
        {
            describe.ReturnsAsync(new DescribeTableResponse
            {
                Table = new TableDescription
                {
                    TableName = "zeebe-operator",
                    TableStatus = TableStatus.ACTIVE,
                    GlobalSecondaryIndexes = withIndex ? [new GlobalSecondaryIndexDescription { IndexName = OperatorTable.StatusIndexName }] : [],
                },
            });
        }
        else
        {
            describe.ThrowsAsync(tableError);
        }

        return Check(ListingS3(s3Error), dynamo);
    }

    private static StartupCheck Check(Mock<IAmazonS3> s3, Mock<IAmazonDynamoDB> dynamo, Mock<IAmazonSQS>? sqs = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var provisioner = new TableProvisioner(dynamo.Object, options, TimeProvider.System, NullLogger<TableProvisioner>.Instance);
        return new StartupCheck(
            s3.Object,
            dynamo.Object,
            provisioner,
            options,
            sqs?.Object,
            Microsoft.Extensions.Options.Options.Create(new EventsOptions { QueueUrl = EventsQueue }),
            Microsoft.Extensions.Options.Options.Create(new NotifyOptions { QueueUrl = NotifyQueue }));
    }

    private static Mock<IAmazonSQS> Queues(Exception? eventsError, Exception? notifyError)
    {
        var sqs = new Mock<IAmazonSQS>();
        foreach (var (url, error) in new[] { (EventsQueue, eventsError), (NotifyQueue, notifyError) })
        {
            var call = sqs.Setup(c => c.GetQueueAttributesAsync(It.Is<GetQueueAttributesRequest>(r => r.QueueUrl == url), It.IsAny<CancellationToken>()));
            if (error is null)
            {
                call.ReturnsAsync(new GetQueueAttributesResponse());
            }
            else
            {
                call.ThrowsAsync(error);
            }
        }

        return sqs;
    }

    private static Mock<IAmazonS3> ListingS3(Exception? s3Error)
    {
        var s3 = new Mock<IAmazonS3>();
        var list = s3.Setup(c => c.ListObjectsV2Async(It.Is<ListObjectsV2Request>(r => r.MaxKeys == 1 && r.BucketName == "zeebe-specs"), It.IsAny<CancellationToken>()));
        if (s3Error is null)
        {
            list.ReturnsAsync(new ListObjectsV2Response());
        }
        else
        {
            list.ThrowsAsync(s3Error);
        }

        return s3;
    }
}
