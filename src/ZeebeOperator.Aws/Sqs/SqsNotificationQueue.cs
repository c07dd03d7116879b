using Amazon.SQS;
using Amazon.SQS.Model;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.Sqs;

/// <summary><see cref="INotificationQueue"/> on SQS: one SendMessage per notification, its attributes as String attributes.</summary>
public sealed class SqsNotificationQueue(IAmazonSQS sqs) : INotificationQueue
{
    private const string ServiceName = "SQS";

    public Task SendAsync(string queueUrl, QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = new SendMessageRequest
        {
            QueueUrl = queueUrl,
            MessageBody = message.Body,
            MessageAttributes = message.Attributes.ToDictionary(
                a => a.Key,
                a => new MessageAttributeValue { DataType = "String", StringValue = a.Value },
                StringComparer.Ordinal),
            MessageGroupId = message.MessageGroupId,
            MessageDeduplicationId = message.MessageDeduplicationId,
        };
        return AwsErrorMapper.GuardAsync(ServiceName, "SendMessage", () => sqs.SendMessageAsync(request, cancellationToken), cancellationToken);
    }
}
