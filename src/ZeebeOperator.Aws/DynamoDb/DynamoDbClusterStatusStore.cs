using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Aws.DynamoDb;

/// <summary>
/// <see cref="IClusterStatusStore"/> on the operator table. The full status is a JSON string attribute; the fields
/// worth querying (generation, readiness, spec ETag, update time) are top-level attributes too. A write never
/// replaces a status with a newer observed generation (a condition expression, so concurrent writers are safe), and a
/// fenced write lands only while the writer still holds the leader lease (a transaction with a check on the lease item).
/// </summary>
public sealed class DynamoDbClusterStatusStore(IAmazonDynamoDB dynamoDb, IOptions<AwsOptions> options) : IClusterStatusStore
{
    private const string ServiceName = "DynamoDB";
    private const string NotNewerGeneration = "attribute_not_exists(#pk) OR #gen <= :gen";
    private const string ConditionalCheckFailed = "ConditionalCheckFailed";
    private readonly string _table = options.Value.TableName;

    public async Task<ClusterStatus?> GetAsync(string clusterName, CancellationToken cancellationToken)
    {
        var response = await AwsErrorMapper.GuardAsync(
            ServiceName,
            "GetItem",
            () => dynamoDb.GetItemAsync(
                new GetItemRequest
                {
                    TableName = _table,
                    Key = Key(clusterName),
                    ConsistentRead = true,
                },
                cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async Task<IReadOnlyList<ClusterStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var statuses = new List<ClusterStatus>();
        var request = new QueryRequest
        {
            TableName = _table,
            IndexName = OperatorTable.StatusIndexName,
            KeyConditionExpression = "#gpk = :status",
            ExpressionAttributeNames = new() { ["#gpk"] = OperatorTable.StatusIndexPartitionKey },
            ExpressionAttributeValues = new() { [":status"] = new AttributeValue { S = OperatorTable.StatusIndexValue } },
        };
        do
        {
            var page = await AwsErrorMapper.GuardAsync(
                ServiceName, "Query", () => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            statuses.AddRange((page.Items ?? []).Select(FromItem));
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return statuses;
    }

    public async Task<StatusWriteResult> PutAsync(ClusterStatus status, LeaseFence? fence, CancellationToken cancellationToken)
    {
        var operation = StatusWrites.OperationName(fence);
        try
        {
            if (fence is null)
            {
                await dynamoDb.PutItemAsync(PutRequest(status), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await dynamoDb.TransactWriteItemsAsync(FencedPutRequest(status, fence), cancellationToken).ConfigureAwait(false);
            }

            return StatusWriteResult.Written;
        }
        catch (ConditionalCheckFailedException)
        {
            return StatusWriteResult.NewerGenerationStored;
        }
        catch (TransactionCanceledException exception) when (FencedOutcome(exception) is { } outcome)
        {
            return outcome;
        }
        catch (TransactionCanceledException exception)
        {
            throw CancelledTransaction(exception);
        }
        catch (AmazonDynamoDBException exception)
        {
            throw AwsErrorMapper.ToApiException(ServiceName, operation, exception);
        }
        catch (Amazon.Runtime.AmazonClientException exception)
        {
            throw AwsErrorMapper.ToApiException(ServiceName, operation, exception);
        }
    }

    /// <summary>The plain conditional write: never over a newer generation's status.</summary>
    internal PutItemRequest PutRequest(ClusterStatus status) => new()
    {
        TableName = _table,
        Item = ToItem(status),
        ConditionExpression = NotNewerGeneration,
        ExpressionAttributeNames = GenerationNames(),
        ExpressionAttributeValues = GenerationValues(status),
    };

    /// <summary>
    /// The fenced write: one transaction of a check that the writer's lease term still holds (item 0) and the
    /// conditional put (item 1). DynamoDB has no conditional write across items other than a transaction.
    /// </summary>
    internal TransactWriteItemsRequest FencedPutRequest(ClusterStatus status, LeaseFence fence) => new()
    {
        TransactItems =
        [
            new TransactWriteItem { ConditionCheck = DynamoDbLeaseStore.HeldCheck(_table, fence) },
            new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = _table,
                    Item = ToItem(status),
                    ConditionExpression = NotNewerGeneration,
                    ExpressionAttributeNames = GenerationNames(),
                    ExpressionAttributeValues = GenerationValues(status),
                },
            },
        ],
    };

    /// <summary>
    /// A transaction cancelled by our own conditions: the lease check (item 0) failing means this instance no longer
    /// leads, whatever the put's condition says; otherwise the put's condition (item 1) means a newer generation.
    /// Null for any other cancellation (a conflict with a concurrent transaction, throttling, validation).
    /// </summary>
    private static StatusWriteResult? FencedOutcome(TransactionCanceledException exception)
    {
        var reasons = exception.CancellationReasons ?? [];
        return reasons.ElementAtOrDefault(0)?.Code == ConditionalCheckFailed ? StatusWriteResult.NotLeader
            : reasons.ElementAtOrDefault(1)?.Code == ConditionalCheckFailed ? StatusWriteResult.NewerGenerationStored
            : null;
    }

    /// <summary>
    /// A transaction cancelled for another reason changed nothing. A conflict with a concurrent transaction on the
    /// lease item (every fenced write checks it) or throttling is worth retrying shortly, so it counts as throttled.
    /// </summary>
    private static AwsApiException CancelledTransaction(TransactionCanceledException exception)
    {
        var codes = (exception.CancellationReasons ?? []).Select(r => r.Code ?? "None").ToList();
        var retryable = codes.Any(c => c is "TransactionConflict" or "ThrottlingError" or "ProvisionedThroughputExceeded" or "RequestLimitExceeded");
        var mapped = AwsErrorMapper.ToApiException(ServiceName, "TransactWriteItems", exception);
        return new AwsApiException(
            ServiceName,
            "TransactWriteItems",
            retryable ? AwsErrorKind.Throttled : mapped.Kind,
            mapped.ErrorCode,
            $"{mapped.ErrorMessage} (cancellation reasons: {string.Join(", ", codes)})",
            exception);
    }

    private static Dictionary<string, string> GenerationNames() => new() { ["#pk"] = OperatorTable.PartitionKey, ["#gen"] = "observedGeneration" };

    private static Dictionary<string, AttributeValue> GenerationValues(ClusterStatus status) => new() { [":gen"] = Number(status.ObservedGeneration) };

    private static Dictionary<string, AttributeValue> Key(string clusterName) => new()
    {
        [OperatorTable.PartitionKey] = new AttributeValue { S = OperatorTable.ClusterKey(clusterName) },
        [OperatorTable.SortKey] = new AttributeValue { S = OperatorTable.StatusSortKey },
    };

    internal static Dictionary<string, AttributeValue> ToItem(ClusterStatus status)
    {
        var item = Key(status.ClusterName);
        item[OperatorTable.StatusIndexPartitionKey] = new AttributeValue { S = OperatorTable.StatusIndexValue };
        item[OperatorTable.StatusIndexSortKey] = new AttributeValue { S = status.ClusterName };
        item["clusterName"] = new AttributeValue { S = status.ClusterName };
        item["observedGeneration"] = Number(status.ObservedGeneration);
        item["ready"] = new AttributeValue { BOOL = status.IsReady };
        item["readyReason"] = new AttributeValue { S = status.Find(ConditionTypes.Ready)?.Reason ?? "Unknown" };
        item["updatedAt"] = new AttributeValue { S = status.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) };
        item["status"] = new AttributeValue { S = JsonSerializer.Serialize(status, StatusJsonContext.Default.ClusterStatus) };
        if (status.SpecETag is not null)
        {
            item["specETag"] = new AttributeValue { S = status.SpecETag };
        }

        return item;
    }

    private static ClusterStatus FromItem(Dictionary<string, AttributeValue> item) =>
        JsonSerializer.Deserialize(item["status"].S, StatusJsonContext.Default.ClusterStatus)
        ?? throw new InvalidDataException($"The status item {item[OperatorTable.PartitionKey].S} is empty.");

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
