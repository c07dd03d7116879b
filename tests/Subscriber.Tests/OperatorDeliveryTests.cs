using Microsoft.AspNetCore.Builder;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Samples.Subscriber;

namespace Subscriber.Tests;

/// <summary>The operator's HTTP delivery against the sample subscriber: both sides of the wire contract agree.</summary>
public sealed class OperatorDeliveryTests : IAsyncLifetime, IDisposable
{
    private const string Path = "/v1.0/notify";
    private readonly HttpClient _http = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = SubscriberApp.Create([], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            [SubscriberOptions.PathVariable] = Path,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task What_the_operator_sends_is_accepted_and_a_redelivery_too()
    {
        var url = new Uri(_app.Urls.Single());
        var task = new SubscriberTask("camunda", "orders-listener", "arn:aws:ecs:eu-central-1:123456789012:task/camunda/0a1b", url.Host, url.Port, Path);
        var notification = new ClusterNotification(
            ClusterNotification.IdOf("orders", 3, NotificationTypes.TopologyChanged, "7"),
            NotificationTypes.TopologyChanged,
            "orders",
            3,
            new DateTimeOffset(2026, 12, 3, 13, 21, 47, 123, TimeSpan.Zero),
            [new NotifiedBroker(0, "orders-broker-0.zeebe.internal", "10.0.1.5"), new NotifiedBroker(3, "orders-broker-3.zeebe.internal", "10.0.1.9")]);
        var transport = new HttpSubscriberTransport(_http);

        var first = await transport.SendAsync(task, notification.EventId, NotificationJson.Write(notification), default);
        var again = await transport.SendAsync(task, notification.EventId, NotificationJson.Write(notification), default);
        var wrongKey = await transport.SendAsync(task, "another-id", NotificationJson.Write(notification), default);

        Assert.Equal(new DeliveryAttempt(DeliveryOutcome.Delivered, "HTTP 200"), first);
        Assert.Equal(DeliveryOutcome.Delivered, again.Outcome);
        Assert.Equal(new DeliveryAttempt(DeliveryOutcome.Rejected, "HTTP 400"), wrongKey);
    }

    [Fact]
    public async Task A_task_nobody_listens_on_is_a_failed_attempt_worth_retrying()
    {
        var url = new Uri(_app.Urls.Single());
        await _app.StopAsync();
        var transport = new HttpSubscriberTransport(_http);

        var attempt = await transport.SendAsync(new SubscriberTask("camunda", "l", "t", url.Host, url.Port, Path), "e-1", "{}", default);

        Assert.Equal(DeliveryOutcome.Failed, attempt.Outcome);
    }
}
