using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.DynamoDb;

/// <summary>
/// <see cref="ILeaseStore"/> on the operator table: one item per lease (<c>LEASE#{name}</c> / <c>LEASE</c>), times as
/// epoch milliseconds so conditions can compare them. Every write is a conditional write, so DynamoDB decides races:
/// an acquisition succeeds only over the exact record the candidate read (same holder, token, renewal and expiry)
/// and only when that record is expired, released or the candidate's own; a renewal or release only while the
/// item still names the caller with the same fencing token.
/// </summary>
public sealed class DynamoDbLeaseStore(IAmazonDynamoDB dynamoDb, IOptions<AwsOptions> options) : ILeaseStore
{
    private const string ServiceName = "DynamoDB";
    private const string Holder = "holder";
    private const string Token = "fencingToken";
    private const string AcquiredAt = "acquiredAtMs";
    private const string RenewedAt = "renewedAtMs";
    private const string ExpiresAt = "leaseExpiresAtMs";
    private readonly string _table = options.Value.TableName;

    public async Task<LeaseRecord?> ReadAsync(string leaseName, CancellationToken cancellationToken)
    {
        var response = await AwsErrorMapper.GuardAsync(
            ServiceName,
            "GetItem",
            () => dynamoDb.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key(leaseName), ConsistentRead = true }, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(leaseName, item) : null;
    }

    public async Task<LeaseRecord?> TryAcquireAsync(LeaseAcquisition acquisition, CancellationToken cancellationToken)
    {
        var acquired = AsStored(LeaseRecord.Acquired(acquisition.Name, acquisition.Candidate, acquisition.Observed, acquisition.Now, acquisition.Duration));
        var request = new PutItemRequest { TableName = _table, Item = ToItem(acquired) };
        if (acquisition.Observed is not { } observed)
        {
            request.ConditionExpression = "attribute_not_exists(pk)";
        }
        else
        {
            request.ConditionExpression =
                "#holder = :observedHolder AND #token = :observedToken AND #renewed = :observedRenewed AND #expires = :observedExpires " +
                "AND (#expires <= :now OR #holder = :candidate)";
            request.ExpressionAttributeNames = new()
            {
                ["#holder"] = Holder,
                ["#token"] = Token,
                ["#renewed"] = RenewedAt,
                ["#expires"] = ExpiresAt,
            };
            request.ExpressionAttributeValues = new()
            {
                [":observedHolder"] = new AttributeValue { S = observed.Holder },
                [":observedToken"] = Number(observed.FencingToken),
                [":observedRenewed"] = Millis(observed.RenewedAt),
                [":observedExpires"] = Millis(observed.ExpiresAt),
                [":now"] = Millis(acquisition.Now),
                [":candidate"] = new AttributeValue { S = acquisition.Candidate },
            };
        }

        return await ConditionalAsync("PutItem", () => dynamoDb.PutItemAsync(request, cancellationToken)).ConfigureAwait(false) ? acquired : null;
    }

    public async Task<LeaseRecord?> TryRenewAsync(LeaseRecord held, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var renewed = AsStored(held.RenewedAtTime(now, duration));
        var request = HeldUpdate(held, "SET #renewed = :renewed, #expires = :expires");
        request.ConditionExpression += " AND #expires > :released";
        request.ExpressionAttributeNames["#renewed"] = RenewedAt;
        request.ExpressionAttributeValues[":renewed"] = Millis(renewed.RenewedAt);
        request.ExpressionAttributeValues[":expires"] = Millis(renewed.ExpiresAt);
        request.ExpressionAttributeValues[":released"] = Millis(LeaseRecord.ReleasedExpiry);
        return await ConditionalAsync("UpdateItem", () => dynamoDb.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false) ? renewed : null;
    }

    public Task<bool> ReleaseAsync(LeaseRecord held, CancellationToken cancellationToken)
    {
        var request = HeldUpdate(held, "SET #expires = :released");
        request.ExpressionAttributeValues[":released"] = Millis(LeaseRecord.ReleasedExpiry);
        return ConditionalAsync("UpdateItem", () => dynamoDb.UpdateItemAsync(request, cancellationToken));
    }

    /// <summary>
    /// The check a fenced write puts in its transaction: the lease item still names <paramref name="fence"/>'s holder
    /// with its fencing token and is not released (a new term always writes a higher token).
    /// </summary>
    internal static ConditionCheck HeldCheck(string table, LeaseFence fence) => new()
    {
        TableName = table,
        Key = Key(fence.LeaseName),
        ConditionExpression = "#holder = :holder AND #token = :token AND #expires > :released",
        ExpressionAttributeNames = new() { ["#holder"] = Holder, ["#token"] = Token, ["#expires"] = ExpiresAt },
        ExpressionAttributeValues = new()
        {
            [":holder"] = new AttributeValue { S = fence.Holder },
            [":token"] = Number(fence.FencingToken),
            [":released"] = Millis(LeaseRecord.ReleasedExpiry),
        },
    };

    internal static Dictionary<string, AttributeValue> Key(string leaseName) => new()
    {
        [OperatorTable.PartitionKey] = new AttributeValue { S = OperatorTable.LeaseKey(leaseName) },
        [OperatorTable.SortKey] = new AttributeValue { S = OperatorTable.LeaseSortKey },
    };

    /// <summary>An update conditional on the item still naming <paramref name="held"/>'s holder and fencing token.</summary>
    private UpdateItemRequest HeldUpdate(LeaseRecord held, string update) => new()
    {
        TableName = _table,
        Key = Key(held.Name),
        UpdateExpression = update,
        ConditionExpression = "#holder = :holder AND #token = :token",
        ExpressionAttributeNames = new() { ["#holder"] = Holder, ["#token"] = Token, ["#expires"] = ExpiresAt },
        ExpressionAttributeValues = new()
        {
            [":holder"] = new AttributeValue { S = held.Holder },
            [":token"] = Number(held.FencingToken),
        },
    };

    private static async Task<bool> ConditionalAsync(string operation, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonDynamoDBException exception)
        {
            throw AwsErrorMapper.ToApiException(ServiceName, operation, exception);
        }
        catch (AmazonClientException exception)
        {
            throw AwsErrorMapper.ToApiException(ServiceName, operation, exception);
        }
    }

    /// <summary>The record as a read would return it (times at millisecond precision).</summary>
    private static LeaseRecord AsStored(LeaseRecord lease) => FromItem(lease.Name, ToItem(lease));

    private static Dictionary<string, AttributeValue> ToItem(LeaseRecord lease)
    {
        var item = Key(lease.Name);
        item["leaseName"] = new AttributeValue { S = lease.Name };
        item[Holder] = new AttributeValue { S = lease.Holder };
        item[Token] = Number(lease.FencingToken);
        item[AcquiredAt] = Millis(lease.AcquiredAt);
        item[RenewedAt] = Millis(lease.RenewedAt);
        item[ExpiresAt] = Millis(lease.ExpiresAt);
        return item;
    }

    private static LeaseRecord FromItem(string leaseName, Dictionary<string, AttributeValue> item) => new(
        leaseName,
        item[Holder].S,
        long.Parse(item[Token].N, CultureInfo.InvariantCulture),
        FromMillis(item[AcquiredAt]),
        FromMillis(item[RenewedAt]),
        FromMillis(item[ExpiresAt]));

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static AttributeValue Millis(DateTimeOffset value) => Number(value.ToUnixTimeMilliseconds());

    private static DateTimeOffset FromMillis(AttributeValue value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(value.N, CultureInfo.InvariantCulture));
}
