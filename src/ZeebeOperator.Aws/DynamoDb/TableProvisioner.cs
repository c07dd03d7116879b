using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZeebeOperator.Aws.DynamoDb;

/// <summary>What <see cref="TableProvisioner.EnsureTableAsync"/> did.</summary>
/// <param name="Created">False when the table already existed.</param>
/// <param name="TimeToLiveEnabled">False when the endpoint does not support TTL (some AWS-compatible ones).</param>
public sealed record TableProvisioningResult(string TableName, bool Created, bool TimeToLiveEnabled);

/// <summary>
/// Creates the operator table when it is missing (for <c>--create-table</c>): pay-per-request, the pk/sk key, the
/// sparse status index, and TTL on <c>expiresAt</c>. Safe to run again: an existing table is left as it is. Waits
/// until the table is ACTIVE, polling DescribeTable on <paramref name="time"/>'s clock.
/// </summary>
public sealed partial class TableProvisioner(
    IAmazonDynamoDB dynamoDb,
    IOptions<AwsOptions> options,
    TimeProvider time,
    ILogger<TableProvisioner> logger)
{
    private const string ServiceName = "DynamoDB";
    private readonly string _table = options.Value.TableName;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan ActivationTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public async Task<TableProvisioningResult> EnsureTableAsync(CancellationToken cancellationToken)
    {
        var created = false;
        try
        {
            await dynamoDb.CreateTableAsync(CreateTableRequest(_table), cancellationToken).ConfigureAwait(false);
            created = true;
            LogCreating(logger, _table);
        }
        catch (ResourceInUseException)
        {
            LogExists(logger, _table);
        }
        catch (AmazonDynamoDBException exception)
        {
            throw AwsErrorMapper.ToApiException(ServiceName, "CreateTable", exception);
        }

        await WaitUntilActiveAsync(cancellationToken).ConfigureAwait(false);
        var ttl = await EnableTimeToLiveAsync(cancellationToken).ConfigureAwait(false);
        return new TableProvisioningResult(_table, created, ttl);
    }

    public static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(OperatorTable.PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(OperatorTable.SortKey, ScalarAttributeType.S),
            new AttributeDefinition(OperatorTable.StatusIndexPartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(OperatorTable.StatusIndexSortKey, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(OperatorTable.PartitionKey, KeyType.HASH),
            new KeySchemaElement(OperatorTable.SortKey, KeyType.RANGE),
        ],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = OperatorTable.StatusIndexName,
                KeySchema =
                [
                    new KeySchemaElement(OperatorTable.StatusIndexPartitionKey, KeyType.HASH),
                    new KeySchemaElement(OperatorTable.StatusIndexSortKey, KeyType.RANGE),
                ],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    private async Task WaitUntilActiveAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var table = await AwsErrorMapper.GuardAsync(
                ServiceName, "DescribeTable", () => dynamoDb.DescribeTableAsync(_table, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (table.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            if (time.GetElapsedTime(started) >= ActivationTimeout)
            {
                throw new TableNotActiveException(_table, table.Table.TableStatus, ActivationTimeout);
            }

            LogWaiting(logger, _table, table.Table.TableStatus);
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> EnableTimeToLiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.UpdateTimeToLiveAsync(
                new UpdateTimeToLiveRequest
                {
                    TableName = _table,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = OperatorTable.TimeToLiveAttribute, Enabled = true },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonDynamoDBException exception) when (exception.Message.Contains("already enabled", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        catch (AmazonDynamoDBException exception) when (exception.ErrorCode is "UnknownOperationException" or "UnrecognizedClientException")
        {
            LogTimeToLiveUnsupported(logger, _table, exception.ErrorCode);
            return false;
        }
        catch (AmazonDynamoDBException exception)
        {
            throw AwsErrorMapper.ToApiException(ServiceName, "UpdateTimeToLive", exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating DynamoDB table {Table}")]
    private static partial void LogCreating(ILogger logger, string table);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DynamoDB table {Table} is {Status}; waiting until it is ACTIVE")]
    private static partial void LogWaiting(ILogger logger, string table, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "DynamoDB table {Table} already exists; leaving its schema as it is")]
    private static partial void LogExists(ILogger logger, string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The endpoint does not support TTL for table {Table} ({ErrorCode}); audit records will not expire")]
    private static partial void LogTimeToLiveUnsupported(ILogger logger, string table, string errorCode);
}
