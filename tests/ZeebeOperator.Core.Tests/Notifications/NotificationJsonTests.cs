using ZeebeOperator.Core.Notifications;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>The wire body read back as it was written.</summary>
public sealed class NotificationJsonTests
{
    [Fact]
    public void A_body_is_read_back_as_the_notification_written_with_its_time_in_UTC()
    {
        var notification = new ClusterNotification(
            "orders-3-ready-0123456789abcdef",
            NotificationTypes.Ready,
            "orders",
            3,
            new DateTimeOffset(2026, 12, 4, 12, 30, 15, 250, TimeSpan.FromHours(2)),
            [new NotifiedBroker(0, "orders-0.zeebe.internal", "10.0.0.4"), new NotifiedBroker(1, "orders-1.zeebe.internal", "10.0.0.5")]);

        var read = NotificationJson.Read(NotificationJson.Write(notification));

        Assert.Equal(notification with { Brokers = [] }, read with { Brokers = [] });
        Assert.Equal(notification.Brokers, read.Brokers);
        Assert.Equal(TimeSpan.Zero, read.Time.Offset);
    }

    [Fact]
    public void No_notification_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => NotificationJson.Write(null!));
    }
}
