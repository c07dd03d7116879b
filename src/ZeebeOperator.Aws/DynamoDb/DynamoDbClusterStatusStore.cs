using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Aws.DynamoDb;

/// <summary>
/// <see cref="IClusterStatusStore"/> on the operator table. The full status is a JSON string attribute; the fields
/// worth querying (generation, readiness, spec ETag, update time) are top-level attributes too. A write never
/// replaces a status with a newer observed generation (a condition expression, so concurrent writers are safe).
/// </summary>
public sealed class DynamoDbClusterStatusStore(IAmazonDynamoDB dynamoDb, IOptions<AwsOptions> options) : IClusterStatusStore
{
    private const string ServiceName = "DynamoDB";
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

    public async Task<bool> PutAsync(ClusterStatus status, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = ToItem(status),
            ConditionExpression = "attribute_not_exists(#pk) OR #gen <= :gen",
            ExpressionAttributeNames = new() { ["#pk"] = OperatorTable.PartitionKey, ["#gen"] = "observedGeneration" },
            ExpressionAttributeValues = new() { [":gen"] = Number(status.ObservedGeneration) },
        };
        try
        {
            await dynamoDb.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonDynamoDBException exception)
        {
            throw AwsErrorMapper.ToApiException(ServiceName, "PutItem", exception);
        }
        catch (Amazon.Runtime.AmazonClientException exception)
        {
            throw AwsErrorMapper.ToApiException(ServiceName, "PutItem", exception);
        }
    }

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
