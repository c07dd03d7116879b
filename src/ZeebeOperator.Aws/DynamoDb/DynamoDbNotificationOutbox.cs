using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.DynamoDb;

/// <summary>
/// <see cref="INotificationOutbox"/> on the operator table (<see cref="OperatorTable"/>): one item per event, written
/// with a condition so an event id is stored once; the subscriber tasks done with it in a string set, the others' retries
/// in a map by task (attempts, first failure, next due time); pending events listed through the sparse status index,
/// which completion takes them out of. Items expire with the audit retention.
/// </summary>
public sealed class DynamoDbNotificationOutbox(IAmazonDynamoDB dynamoDb, IOptions<AwsOptions> options, TimeProvider time) : INotificationOutbox
{
    private const string ServiceName = "DynamoDB";
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string RetriesAttribute = "retries";
    private readonly string _table = options.Value.TableName;
    private readonly TimeSpan _retention = TimeSpan.FromDays(options.Value.AuditRetentionDays);

    public async Task<bool> AddAsync(ClusterNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        try
        {
            await dynamoDb.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = ToItem(notification, _retention),
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new() { ["#pk"] = OperatorTable.PartitionKey },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (Amazon.Runtime.AmazonServiceException exception)
        {
            throw AwsErrorMapper.ToApiException(ServiceName, "PutItem", exception);
        }
        catch (Amazon.Runtime.AmazonClientException exception)
        {
            throw AwsErrorMapper.ToApiException(ServiceName, "PutItem", exception);
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        var request = new QueryRequest
        {
            TableName = _table,
            IndexName = OperatorTable.StatusIndexName,
            KeyConditionExpression = "#gpk = :pending",
            ExpressionAttributeNames = new() { ["#gpk"] = OperatorTable.StatusIndexPartitionKey },
            ExpressionAttributeValues = new() { [":pending"] = new AttributeValue { S = OperatorTable.OutboxPendingIndexValue } },
            ScanIndexForward = true,
        };
        do
        {
            request.Limit = limit - entries.Count;
            var page = await AwsErrorMapper.GuardAsync(
                ServiceName, "Query", () => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            entries.AddRange((page.Items ?? []).Select(FromItem));
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null && entries.Count < limit);

        return entries;
    }

    public async Task RecordRetryAsync(string eventId, string subscriberTask, DeliveryRetry retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var value = new AttributeValue
        {
            M = new()
            {
                ["attempts"] = new AttributeValue { N = retry.Attempts.ToString(CultureInfo.InvariantCulture) },
                ["firstFailedAt"] = new AttributeValue { S = Timestamp(retry.FirstFailedAt) },
                ["dueAt"] = new AttributeValue { S = Timestamp(retry.DueAt) },
            },
        };
        try
        {
            await WithRetriesMapAsync(eventId, () => UpdateAsync(
                eventId,
                "SET #retries.#task = :retry",
                new() { ["#retries"] = RetriesAttribute, ["#task"] = subscriberTask, ["#attempts"] = "attempts" },
                new() { [":retry"] = value, [":attempts"] = new AttributeValue { N = retry.Attempts.ToString(CultureInfo.InvariantCulture) } },
                cancellationToken,
                "attribute_not_exists(#retries.#task) OR #retries.#task.#attempts < :attempts"), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsApiException e) when (e.ErrorCode == "ConditionalCheckFailedException")
        {
            // A later attempt is stored already (this one was written late, by a deposed leader), or the event is gone:
            // either way nothing is to be recorded.
        }
    }

    public Task MarkDoneAsync(string eventId, string subscriberTask, CancellationToken cancellationToken) =>
        WithRetriesMapAsync(
            eventId,
            () => UpdateAsync(
                eventId,
                "ADD #done :task REMOVE #retries.#task",
                new() { ["#done"] = "done", ["#retries"] = RetriesAttribute, ["#task"] = subscriberTask },
                new() { [":task"] = new AttributeValue { SS = [subscriberTask] } },
                cancellationToken),
            cancellationToken);

    /// <summary>
    /// Runs an update of a task's entry in the retries map. An event written before retries were kept has no map, and
    /// DynamoDB refuses a path into a missing map (ValidationException): the map is added and the update made again.
    /// </summary>
    private async Task WithRetriesMapAsync(string eventId, Func<Task> update, CancellationToken cancellationToken)
    {
        try
        {
            await update().ConfigureAwait(false);
        }
        catch (AwsApiException e) when (e.ErrorCode == "ValidationException")
        {
            await UpdateAsync(
                eventId,
                "SET #retries = if_not_exists(#retries, :empty)",
                new() { ["#retries"] = RetriesAttribute },
                new() { [":empty"] = new AttributeValue { M = [], IsMSet = true } },
                cancellationToken).ConfigureAwait(false);
            await update().ConfigureAwait(false);
        }
    }

    public Task CompleteAsync(string eventId, CancellationToken cancellationToken) =>
        UpdateAsync(
            eventId,
            "REMOVE #gpk, #gsk SET #completedAt = :now",
            new() { ["#gpk"] = OperatorTable.StatusIndexPartitionKey, ["#gsk"] = OperatorTable.StatusIndexSortKey, ["#completedAt"] = "completedAt" },
            new() { [":now"] = new AttributeValue { S = Timestamp(time.GetUtcNow()) } },
            cancellationToken);

    /// <summary>An update of an item the outbox wrote; the condition keeps a stray update from creating a bare one.</summary>
    private Task<UpdateItemResponse> UpdateAsync(string eventId, string expression, Dictionary<string, string> names, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken, string? condition = null)
    {
        names["#pk"] = OperatorTable.PartitionKey;
        return AwsErrorMapper.GuardAsync(
            ServiceName,
            "UpdateItem",
            () => dynamoDb.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(eventId),
                    UpdateExpression = expression,
                    ConditionExpression = condition is null ? "attribute_exists(#pk)" : $"attribute_exists(#pk) AND ({condition})",
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                },
                cancellationToken),
            cancellationToken);
    }

    private static Dictionary<string, AttributeValue> Key(string eventId) => new()
    {
        [OperatorTable.PartitionKey] = new AttributeValue { S = OperatorTable.OutboxKey(eventId) },
        [OperatorTable.SortKey] = new AttributeValue { S = OperatorTable.OutboxSortKey },
    };

    internal static Dictionary<string, AttributeValue> ToItem(ClusterNotification notification, TimeSpan retention)
    {
        var item = Key(notification.EventId);
        item[OperatorTable.StatusIndexPartitionKey] = new AttributeValue { S = OperatorTable.OutboxPendingIndexValue };
        item[OperatorTable.StatusIndexSortKey] = new AttributeValue { S = $"{Timestamp(notification.Time)}#{notification.EventId}" };
        item["eventId"] = new AttributeValue { S = notification.EventId };
        item["clusterName"] = new AttributeValue { S = notification.Cluster };
        item["type"] = new AttributeValue { S = notification.Type };
        item["body"] = new AttributeValue { S = NotificationJson.Write(notification) };
        item[RetriesAttribute] = new AttributeValue { M = [], IsMSet = true };
        item[OperatorTable.TimeToLiveAttribute] = new AttributeValue { N = (notification.Time + retention).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        return item;
    }

    private static OutboxEntry FromItem(Dictionary<string, AttributeValue> item) => new(
        NotificationJson.Read(item["body"].S),
        new HashSet<string>(item.TryGetValue("done", out var done) ? done.SS ?? [] : [], StringComparer.Ordinal),
        (item.TryGetValue(RetriesAttribute, out var retries) ? retries.M ?? [] : []).ToDictionary(
            r => r.Key,
            r => new DeliveryRetry(int.Parse(r.Value.M["attempts"].N, CultureInfo.InvariantCulture), ParseTimestamp(r.Value.M["firstFailedAt"].S), ParseTimestamp(r.Value.M["dueAt"].S)),
            StringComparer.Ordinal));

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
}
