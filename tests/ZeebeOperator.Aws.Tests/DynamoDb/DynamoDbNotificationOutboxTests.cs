using Amazon.DynamoDBv2;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.Tests.DynamoDb;

/// <summary>The notifications outbox on DynamoDB (dynalite): one item per event id, pending ones listed oldest first.</summary>
public sealed class DynamoDbNotificationOutboxTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_event_is_stored_once_listed_while_pending_and_gone_from_the_list_once_completed()
    {
        var (client, options) = await NewTableAsync();
        var outbox = new DynamoDbNotificationOutbox(client, options, TimeProvider.System);
        var statuses = new DynamoDbClusterStatusStore(client, options);
        var ready = Event("orders", NotificationTypes.Ready, Now);
        var replaced = Event("orders", NotificationTypes.BrokerReplaced, Now.AddSeconds(5));

        Assert.True(await outbox.AddAsync(replaced, default));
        Assert.True(await outbox.AddAsync(ready, default));
        Assert.False(await outbox.AddAsync(ready with { Time = Now.AddMinutes(1) }, default));
        await outbox.MarkDoneAsync(ready.EventId, "arn:aws:ecs:eu-central-1:123456789012:task/camunda/a", default);
        await outbox.MarkDoneAsync(ready.EventId, "arn:aws:ecs:eu-central-1:123456789012:task/camunda/a", default);
        await outbox.MarkDoneAsync(ready.EventId, "arn:aws:ecs:eu-central-1:123456789012:task/camunda/b", default);

        var pending = await outbox.PendingAsync(10, default);
        Assert.Equal([ready.EventId, replaced.EventId], pending.Select(p => p.Notification.EventId));
        Assert.Equal(ready, pending[0].Notification with { Brokers = ready.Brokers });
        Assert.Equal(ready.Brokers, pending[0].Notification.Brokers);
        Assert.Equal(2, pending[0].Done.Count);
        Assert.Empty(pending[1].Done);
        Assert.Single(await outbox.PendingAsync(1, default));

        await outbox.CompleteAsync(ready.EventId, default);

        Assert.Equal([replaced.EventId], (await outbox.PendingAsync(10, default)).Select(p => p.Notification.EventId));
        Assert.Empty(await statuses.ListAsync(default));
        var missing = await Assert.ThrowsAsync<AwsApiException>(() => outbox.MarkDoneAsync("orders-1-ready-0000000000000000", "task", default));
        Assert.Equal("ConditionalCheckFailedException", missing.ErrorCode);
    }

    private static ClusterNotification Event(string cluster, string type, DateTimeOffset time) => new(
        ClusterNotification.IdOf(cluster, 1, type, time.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        type,
        cluster,
        1,
        time,
        [new NotifiedBroker(0, "orders-broker-0.zeebe.internal", "10.0.1.5"), new NotifiedBroker(1, "orders-broker-1.zeebe.internal", "10.0.2.7")]);

    private Task<(IAmazonDynamoDB Client, IOptions<AwsOptions> Options)> NewTableAsync() => DynamoDbLeaseStoreTests.NewTableAsync(dynalite);
}
