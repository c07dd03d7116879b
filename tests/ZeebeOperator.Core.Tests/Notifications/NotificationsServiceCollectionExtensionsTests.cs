using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>What AddNotifications wires when a backend brings only its ports.</summary>
public sealed class NotificationsServiceCollectionExtensionsTests
{
    [Fact]
    public void The_outbox_is_the_backends_and_subscribers_are_reached_over_HTTP_unless_a_backend_brings_its_own_transport()
    {
        var outbox = Mock.Of<INotificationOutbox>();
        using var provider = new ServiceCollection()
            .AddImplementation(outbox)
            .AddNotifications(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        Assert.Same(outbox, provider.GetRequiredService<INotificationOutbox>());
        Assert.IsType<HttpSubscriberTransport>(provider.GetRequiredService<ISubscriberTransport>());
    }

    [Fact]
    public void A_request_timeout_above_100_seconds_is_not_cut_short_by_the_HTTP_client()
    {
        using var client = NotificationsServiceCollectionExtensions.SubscriberHttpClient();

        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }
}
