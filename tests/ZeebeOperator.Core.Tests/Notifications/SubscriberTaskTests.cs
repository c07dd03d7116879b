using ZeebeOperator.Core.Notifications;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>Where a subscriber is sent its notifications, and which HTTP statuses count as delivered, refused or failed.</summary>
public sealed class SubscriberTaskTests
{
    [Fact]
    public void The_queue_subscriber_is_sent_to_the_queue_URL_and_a_task_to_its_address_port_and_path()
    {
        var queue = new Uri("https://sqs.eu-central-1.amazonaws.com/123456789012/zeebe-notifications");

        Assert.Equal(queue, SubscriberTask.ForQueue("camunda", queue).Endpoint);
        Assert.Equal(new Uri("http://10.0.0.7:49160/v1.0/notify"), new SubscriberTask("camunda", "listener", "arn:task", "10.0.0.7", 49160, "/v1.0/notify").Endpoint);
    }

    [Fact]
    public void No_queue_URL_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => SubscriberTask.ForQueue("camunda", null!));
    }

    [Theory]
    [InlineData(200, DeliveryOutcome.Delivered)]
    [InlineData(299, DeliveryOutcome.Delivered)]
    [InlineData(300, DeliveryOutcome.Failed)]
    [InlineData(302, DeliveryOutcome.Failed)]
    [InlineData(400, DeliveryOutcome.Rejected)]
    [InlineData(499, DeliveryOutcome.Rejected)]
    [InlineData(500, DeliveryOutcome.Failed)]
    [InlineData(199, DeliveryOutcome.Failed)]
    public void Only_a_2xx_is_delivered_and_only_a_4xx_is_refused_for_good(int status, DeliveryOutcome outcome)
    {
        var attempt = DeliveryAttempt.OfStatus(status);

        Assert.Equal(outcome, attempt.Outcome);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), attempt.Detail, StringComparison.Ordinal);
    }
}
