using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;
using Condition = ZeebeOperator.Core.Status.Condition;

namespace ZeebeOperator.Aws.Tests.DynamoDb;

/// <summary>The status store, audit log and provisioner against dynalite, each test on its own table.</summary>
public sealed class DynaliteTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    [Fact]
    public async Task Provisioner_creates_the_table_once_with_key_schema_index_and_billing_mode()
    {
        var (client, options) = await NewTableAsync();
        var again = await Provisioner(client, options).EnsureTableAsync(default);
        Assert.False(again.Created);

        var table = (await client.DescribeTableAsync(options.Value.TableName)).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary?.BillingMode);
        Assert.Equal(["pk:HASH", "sk:RANGE"], table.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType}"));
        var index = Assert.Single(table.GlobalSecondaryIndexes);
        Assert.Equal(OperatorTable.StatusIndexName, index.IndexName);

        // dynalite has no UpdateTimeToLive: the provisioner says so instead of failing.
        Assert.False(again.TimeToLiveEnabled);
    }

    [Fact]
    public async Task Status_writes_refuse_older_generations_and_accept_equal_or_newer()
    {
        var (client, options) = await NewTableAsync();
        var store = new DynamoDbClusterStatusStore(client, options);

        Assert.Equal(StatusWriteResult.Written, await store.PutAsync(Status("orders", 3, "Reconciling"), null, default));
        Assert.Equal(StatusWriteResult.NewerGenerationStored, await store.PutAsync(Status("orders", 2, "Stale"), null, default));
        Assert.Equal("Reconciling", (await store.GetAsync("orders", default))!.Conditions[0].Reason);

        Assert.Equal(StatusWriteResult.Written, await store.PutAsync(Status("orders", 3, "Converged"), null, default));
        Assert.Equal(StatusWriteResult.Written, await store.PutAsync(Status("orders", 4, "Upgrading"), null, default));

        var stored = await store.GetAsync("orders", default);
        Assert.NotNull(stored);
        Assert.Equal(4, stored.ObservedGeneration);
        Assert.Equal("\"etag-4\"", stored.SpecETag);
        Assert.True(stored.SameAs(Status("orders", 4, "Upgrading")));
        Assert.Null(await store.GetAsync("payments", default));
    }

    [Fact]
    public async Task Status_items_carry_queryable_top_level_attributes_and_list_through_the_index()
    {
        var (client, options) = await NewTableAsync();
        var store = new DynamoDbClusterStatusStore(client, options);
        await store.PutAsync(Status("orders", 7, "Converged", ready: true), null, default);
        await store.PutAsync(Status("payments", 2, "Reconciling"), null, default);
        await new DynamoDbAuditLog(client, options).AppendAsync(Audit("orders", "op-1", Now, AuditPhase.Intent), default);

        var listed = await store.ListAsync(default);
        Assert.Equal(["orders", "payments"], listed.Select(s => s.ClusterName).Order(StringComparer.Ordinal));

        var item = (await client.GetItemAsync(options.Value.TableName, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = "CLUSTER#orders" },
            ["sk"] = new() { S = "STATUS" },
        })).Item;
        Assert.Equal("7", item["observedGeneration"].N);
        Assert.True(item["ready"].BOOL);
        Assert.Equal("Converged", item["readyReason"].S);
        Assert.Equal("STATUS", item[OperatorTable.StatusIndexPartitionKey].S);
    }

    [Fact]
    public async Task Audit_records_come_back_newest_first_with_a_ttl()
    {
        var (client, options) = await NewTableAsync();
        var log = new DynamoDbAuditLog(client, options);
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Audit("orders", $"op-{i}", Now.AddSeconds(i), AuditPhase.Intent), default);
            await log.AppendAsync(Audit("orders", $"op-{i}", Now.AddSeconds(i).AddMilliseconds(500), AuditPhase.Succeeded), default);
        }

        await log.AppendAsync(Audit("payments", "op-x", Now.AddHours(1), AuditPhase.Failed), default);

        var records = await log.QueryAsync("orders", 4, default);
        Assert.Equal(
            ["op-4/Succeeded", "op-4/Intent", "op-3/Succeeded", "op-3/Intent"],
            records.Select(r => $"{r.OperationId}/{r.Phase}"));
        Assert.Equal(Audit("orders", "op-4", Now.AddSeconds(4).AddMilliseconds(500), AuditPhase.Succeeded), records[0]);
        Assert.Equal(10, (await log.QueryAsync("orders", 50, default)).Count);

        var raw = await client.QueryAsync(new QueryRequest
        {
            TableName = options.Value.TableName,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = "CLUSTER#payments" } },
        });
        var item = Assert.Single(raw.Items);
        Assert.Equal(Now.AddHours(1).AddDays(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["expiresAt"].N);
        Assert.StartsWith("AUDIT#2025-03-14T10:26:53.0000000Z#op-x#Failed", item["sk"].S, StringComparison.Ordinal);
    }

    private async Task<(IAmazonDynamoDB Client, IOptions<AwsOptions> Options)> NewTableAsync()
    {
        var awsOptions = Capture.Options(dynalite.Url);
        awsOptions.TableName = "zeebe-" + Guid.NewGuid().ToString("N")[..12];
        awsOptions.AuditRetentionDays = 30;
        var options = Options.Create(awsOptions);
        var client = new AwsClientFactory(options, new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret")).CreateDynamoDb();
        var result = await Provisioner(client, options).EnsureTableAsync(default);
        Assert.True(result.Created);
        return (client, options);
    }

    private static TableProvisioner Provisioner(IAmazonDynamoDB client, IOptions<AwsOptions> options) =>
        new(client, options, TimeProvider.System, NullLogger<TableProvisioner>.Instance) { PollInterval = TimeSpan.FromMilliseconds(50) };

    private static ClusterStatus Status(string cluster, long generation, string reason, bool ready = false) => new(
        cluster,
        generation,
        $"\"etag-{generation}\"",
        [new Condition(ConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False, reason, $"generation {generation}", Now)],
        [new NodeStatus(0, $"{cluster}-broker-0.zeebe.internal", $"{cluster}-broker-0", "ACTIVE", "arn:td:1", null, null, "fsap-0123456789abcdef0", "srv-abc", ready)],
        Now,
        new TopologyChangeStatus(5, "add brokers 3,4", "IN_PROGRESS", 2, 6, generation),
        [$"node 2: image a -> b — held until the maintenance window opens (generation {generation})"]);

    private static AuditRecord Audit(string cluster, string operationId, DateTimeOffset at, AuditPhase phase) =>
        new(cluster, operationId, at, 3, 1, "ecs:CreateService", $"{cluster}-broker-1", phase, "Missing", phase == AuditPhase.Failed ? "throttled" : null, 42);
}
