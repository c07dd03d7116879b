using Moq;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>Arguments the queue transport refuses before it sends anything.</summary>
public sealed class QueueSubscriberTransportTests
{
    [Fact]
    public async Task No_target_is_refused_and_nothing_is_sent()
    {
        var tasks = new Mock<ISubscriberTransport>();
        var queue = new Mock<INotificationQueue>();

        await Assert.ThrowsAsync<ArgumentNullException>(() => new QueueSubscriberTransport(tasks.Object, queue.Object).SendAsync(null!, "e-1", "{}", CancellationToken.None));

        tasks.VerifyNoOtherCalls();
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public void A_FIFO_queue_is_told_by_its_name_and_no_URL_is_refused()
    {
        Assert.True(QueueSubscriberTransport.IsFifo(new Uri("https://sqs.eu-central-1.amazonaws.com/123456789012/events.fifo")));
        Assert.False(QueueSubscriberTransport.IsFifo(new Uri("https://sqs.eu-central-1.amazonaws.com/123456789012/events")));
        Assert.Throws<ArgumentNullException>(() => QueueSubscriberTransport.IsFifo(null!));
    }
}
