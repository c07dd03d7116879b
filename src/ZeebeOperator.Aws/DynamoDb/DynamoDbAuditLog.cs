using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.DynamoDb;

/// <summary>
/// <see cref="IAuditLog"/> on the operator table: one item per record under the cluster's partition, sorted by a
/// fixed-width UTC timestamp so a reverse query returns the newest first; DynamoDB's TTL removes records after
/// the retention (counted from the record's own timestamp).
/// </summary>
public sealed class DynamoDbAuditLog(IAmazonDynamoDB dynamoDb, IOptions<AwsOptions> options) : IAuditLog
{
    private const string ServiceName = "DynamoDB";
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private readonly string _table = options.Value.TableName;
    private readonly TimeSpan _retention = TimeSpan.FromDays(options.Value.AuditRetentionDays);

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
        AwsErrorMapper.GuardAsync(
            ServiceName,
            "PutItem",
            () => dynamoDb.PutItemAsync(new PutItemRequest { TableName = _table, Item = ToItem(record, _retention) }, cancellationToken),
            cancellationToken);

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(string clusterName, int limit, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        if (limit <= 0)
        {
            return records;
        }

        var request = new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :audit)",
            ExpressionAttributeNames = new() { ["#pk"] = OperatorTable.PartitionKey, ["#sk"] = OperatorTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue { S = OperatorTable.ClusterKey(clusterName) },
                [":audit"] = new AttributeValue { S = OperatorTable.AuditPrefix },
            },
            ScanIndexForward = false,
        };
        do
        {
            request.Limit = limit - records.Count;
            var page = await AwsErrorMapper.GuardAsync(
                ServiceName, "Query", () => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            records.AddRange((page.Items ?? []).Select(FromItem));
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null && records.Count < limit);

        return records;
    }

    internal static string SortKeyOf(AuditRecord record) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{OperatorTable.AuditPrefix}{record.Timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)}#{record.OperationId}#{record.Phase}");

    internal static Dictionary<string, AttributeValue> ToItem(AuditRecord record, TimeSpan retention)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [OperatorTable.PartitionKey] = new() { S = OperatorTable.ClusterKey(record.ClusterName) },
            [OperatorTable.SortKey] = new() { S = SortKeyOf(record) },
            ["clusterName"] = new() { S = record.ClusterName },
            ["operationId"] = new() { S = record.OperationId },
            ["timestamp"] = new() { S = record.Timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) },
            ["generation"] = Number(record.Generation),
            ["action"] = new() { S = record.Action },
            ["resource"] = new() { S = record.Resource },
            ["phase"] = new() { S = record.Phase.ToString() },
            ["reason"] = new() { S = record.Reason },
            ["fencingToken"] = Number(record.FencingToken),
            [OperatorTable.TimeToLiveAttribute] = Number((record.Timestamp + retention).ToUnixTimeSeconds()),
        };
        if (record.NodeId is { } nodeId)
        {
            item["nodeId"] = Number(nodeId);
        }

        if (!string.IsNullOrEmpty(record.Detail))
        {
            item["detail"] = new() { S = record.Detail };
        }

        return item;
    }

    private static AuditRecord FromItem(Dictionary<string, AttributeValue> item) => new(
        item["clusterName"].S,
        item["operationId"].S,
        DateTimeOffset.Parse(item["timestamp"].S, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        long.Parse(item["generation"].N, CultureInfo.InvariantCulture),
        item.TryGetValue("nodeId", out var nodeId) ? int.Parse(nodeId.N, CultureInfo.InvariantCulture) : null,
        item["action"].S,
        item["resource"].S,
        Enum.Parse<AuditPhase>(item["phase"].S),
        item["reason"].S,
        item.TryGetValue("detail", out var detail) ? detail.S : null,
        long.Parse(item["fencingToken"].N, CultureInfo.InvariantCulture));

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
