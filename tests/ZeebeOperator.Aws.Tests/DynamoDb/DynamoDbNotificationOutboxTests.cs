using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
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

    [Fact]
    public async Task A_tasks_retry_is_kept_with_the_event_a_late_write_of_fewer_attempts_does_not_undo_it_and_done_clears_it()
    {
        var (client, options) = await NewTableAsync();
        var outbox = new DynamoDbNotificationOutbox(client, options, TimeProvider.System);
        var ready = Event("orders", NotificationTypes.Ready, Now);
        const string Failing = "arn:aws:ecs:eu-central-1:123456789012:task/camunda/a";
        const string Other = "arn:aws:ecs:eu-central-1:123456789012:task/camunda/b";
        await outbox.AddAsync(ready, default);
        Assert.Empty(Assert.Single(await outbox.PendingAsync(10, default)).Retries);

        var third = new DeliveryRetry(3, Now.AddSeconds(1), Now.AddSeconds(7.25));
        await outbox.RecordRetryAsync(ready.EventId, Failing, new DeliveryRetry(2, Now.AddSeconds(1), Now.AddSeconds(3)), default);
        await outbox.RecordRetryAsync(ready.EventId, Failing, third, default);
        await outbox.RecordRetryAsync(ready.EventId, Failing, new DeliveryRetry(2, Now.AddSeconds(1), Now.AddSeconds(4)), default);
        await outbox.RecordRetryAsync(ready.EventId, Other, new DeliveryRetry(1, Now, Now.AddSeconds(1)), default);

        var retries = Assert.Single(await outbox.PendingAsync(10, default)).Retries;
        Assert.Equal(third, retries[Failing]);
        Assert.Equal(1, retries[Other].Attempts);

        await outbox.MarkDoneAsync(ready.EventId, Failing, default);

        var entry = Assert.Single(await outbox.PendingAsync(10, default));
        Assert.Equal([Other], entry.Retries.Keys);
        Assert.Contains(Failing, entry.Done);
    }

    [Fact]
    public async Task An_event_written_before_retries_were_kept_takes_a_retry_and_its_outcomes()
    {
        var (client, options) = await NewTableAsync();
        var outbox = new DynamoDbNotificationOutbox(client, options, TimeProvider.System);
        var ready = Event("orders", NotificationTypes.Ready, Now);
        var earlier = DynamoDbNotificationOutbox.ToItem(ready, TimeSpan.FromDays(30));
        earlier.Remove("retries");
        await client.PutItemAsync(new PutItemRequest { TableName = options.Value.TableName, Item = earlier });
        const string Failing = "arn:aws:ecs:eu-central-1:123456789012:task/camunda/a";
        const string Delivered = "arn:aws:ecs:eu-central-1:123456789012:task/camunda/b";

        await outbox.MarkDoneAsync(ready.EventId, Delivered, default);
        await outbox.RecordRetryAsync(ready.EventId, Failing, new DeliveryRetry(1, Now, Now.AddSeconds(1)), default);

        var entry = Assert.Single(await outbox.PendingAsync(10, default));
        Assert.Equal([Delivered], entry.Done);
        Assert.Equal(1, entry.Retries[Failing].Attempts);
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
