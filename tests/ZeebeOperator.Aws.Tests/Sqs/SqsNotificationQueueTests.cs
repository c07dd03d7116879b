using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Moq;
using ZeebeOperator.Aws.Sqs;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.Tests.Sqs;

/// <summary><see cref="SqsNotificationQueue"/>: the SendMessage request it makes, and SQS's errors as the core's kinds.</summary>
public sealed class SqsNotificationQueueTests
{
    private const string FifoQueue = "https://sqs.eu-central-1.amazonaws.com/123456789012/zeebe-notifications.fifo";

    [Fact]
    public async Task Sends_the_body_the_attributes_as_strings_and_a_FIFO_queues_ids()
    {
        var (sqs, sent) = Capturing();
        var message = new QueueMessage(
            """{"eventId":"orders-1-ready-1"}""",
            new Dictionary<string, string> { ["Idempotency-Key"] = "orders-1-ready-1", ["Event-Type"] = "cluster.ready" },
            MessageGroupId: "orders",
            MessageDeduplicationId: "orders-1-ready-1");

        await new SqsNotificationQueue(sqs.Object).SendAsync(FifoQueue, message, CancellationToken.None);

        var request = Assert.Single(sent);
        Assert.Equal((FifoQueue, message.Body), (request.QueueUrl, request.MessageBody));
        Assert.Equal(("orders", "orders-1-ready-1"), (request.MessageGroupId, request.MessageDeduplicationId));
        Assert.Equal(
            [("Event-Type", "String", "cluster.ready"), ("Idempotency-Key", "String", "orders-1-ready-1")],
            request.MessageAttributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value.DataType, a.Value.StringValue)));
    }

    [Fact]
    public async Task A_standard_queue_message_carries_no_FIFO_ids()
    {
        var (sqs, sent) = Capturing();

        await new SqsNotificationQueue(sqs.Object).SendAsync("https://sqs.eu-central-1.amazonaws.com/123456789012/n", new QueueMessage("{}", new Dictionary<string, string>()), CancellationToken.None);

        Assert.Null(Assert.Single(sent).MessageGroupId);
        Assert.Null(sent[0].MessageDeduplicationId);
    }

    [Theory]
    [InlineData("AWS.SimpleQueueService.NonExistentQueue", HttpStatusCode.BadRequest, AwsErrorKind.NotFound)]
    [InlineData("QueueDoesNotExist", HttpStatusCode.BadRequest, AwsErrorKind.NotFound)]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, AwsErrorKind.AccessDenied)]
    [InlineData("KmsAccessDenied", HttpStatusCode.BadRequest, AwsErrorKind.AccessDenied)]
    [InlineData("MissingParameter", HttpStatusCode.BadRequest, AwsErrorKind.InvalidParameter)]
    [InlineData("InvalidParameterValue", HttpStatusCode.BadRequest, AwsErrorKind.InvalidParameter)]
    [InlineData("RequestThrottled", HttpStatusCode.BadRequest, AwsErrorKind.Throttled)]
    [InlineData("InternalError", HttpStatusCode.InternalServerError, AwsErrorKind.ServiceUnavailable)]
    public async Task SQS_errors_become_the_core_kinds_that_decide_retry_or_final(string code, HttpStatusCode status, AwsErrorKind kind)
    {
        var error = await FailingSendAsync(new AmazonSQSException("refused", ErrorType.Sender, code, "r1", status));

        Assert.Equal((kind, code, "SendMessage"), (error.Kind, error.ErrorCode, error.Operation));
    }

    [Fact]
    public async Task A_network_failure_is_unavailable_and_so_retried()
    {
        var error = await FailingSendAsync(new HttpRequestException("Connection refused"));

        Assert.True(error.IsTransient);
    }

    private static (Mock<IAmazonSQS> Sqs, List<SendMessageRequest> Sent) Capturing()
    {
        var sent = new List<SendMessageRequest>();
        var sqs = new Mock<IAmazonSQS>();
        sqs.Setup(c => c.SendMessageAsync(It.IsAny<SendMessageRequest>(), It.IsAny<CancellationToken>()))
            .Callback<SendMessageRequest, CancellationToken>((request, _) => sent.Add(request))
            .ReturnsAsync(new SendMessageResponse { MessageId = "m-1" });
        return (sqs, sent);
    }

    private static Task<AwsApiException> FailingSendAsync(Exception failure)
    {
        var sqs = new Mock<IAmazonSQS>();
        sqs.Setup(c => c.SendMessageAsync(It.IsAny<SendMessageRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        return Assert.ThrowsAsync<AwsApiException>(() =>
            new SqsNotificationQueue(sqs.Object).SendAsync(FifoQueue, new QueueMessage("{}", new Dictionary<string, string>()), CancellationToken.None));
    }
}
