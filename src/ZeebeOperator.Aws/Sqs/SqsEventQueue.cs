using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.Sqs;

/// <summary>
/// <see cref="IEventQueue"/> on an SQS queue (<c>Events:QueueUrl</c>): ReceiveMessage with a long poll, DeleteMessage
/// by receipt handle. Each HTTP attempt may take <c>Aws:Timeout</c> (30 s by default), longer than the longest wait SQS
/// allows (20 s), so a long poll is never cut short by the client.
/// </summary>
public sealed class SqsEventQueue(IAmazonSQS sqs, IOptions<EventsOptions> options) : IEventQueue
{
    private const string ServiceName = "SQS";
    private readonly string _queueUrl = options.Value.QueueUrl ?? string.Empty;

    public Task<IReadOnlyList<QueuedEvent>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken) =>
        AwsErrorMapper.GuardAsync(
            ServiceName,
            "ReceiveMessage",
            async () =>
            {
                var request = new ReceiveMessageRequest
                {
                    QueueUrl = _queueUrl,
                    MaxNumberOfMessages = maxMessages,
                    WaitTimeSeconds = (int)waitTime.TotalSeconds,
                };
                var response = await sqs.ReceiveMessageAsync(request, cancellationToken).ConfigureAwait(false);
                return (IReadOnlyList<QueuedEvent>)[.. (response.Messages ?? []).Select(m => new QueuedEvent(m.MessageId, m.ReceiptHandle, m.Body ?? string.Empty))];
            },
            cancellationToken);

    public Task DeleteAsync(string receiptHandle, CancellationToken cancellationToken) =>
        AwsErrorMapper.GuardAsync(
            ServiceName,
            "DeleteMessage",
            () => sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = _queueUrl, ReceiptHandle = receiptHandle }, cancellationToken),
            cancellationToken);
}
