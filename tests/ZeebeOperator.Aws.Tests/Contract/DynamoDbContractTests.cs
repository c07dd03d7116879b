using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Aws.Tests.Infrastructure;
using Capture = ZeebeOperator.Aws.Tests.Infrastructure.Capture;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>
/// The fenced status write, a DynamoDB transaction dynalite cannot run: its request is checked against the official
/// model and DynamoDB's expression rules, and DynamoDB's documented cancellation answers are mapped.
/// </summary>
public sealed partial class DynamoDbContractTests
{
    private const string JsonContentType = "application/x-amz-json-1.0";
    private static readonly Lazy<ApiModel> Model = new(() => ApiModel.Load("dynamodb-2012-08-10"));
    private static readonly LeaseFence Fence = new("zeebe-operator", "op-2", 7);

    private static readonly IReadOnlyDictionary<string, MemberConstraint> Constraints = new Dictionary<string, MemberConstraint>
    {
        ["$.TransactItems"] = new(Min: 1, Max: 100),
        ["$.TransactItems[].ConditionCheck.TableName"] = new(Pattern: "^[a-zA-Z0-9_.-]{3,255}$"),
        ["$.TransactItems[].Put.TableName"] = new(Pattern: "^[a-zA-Z0-9_.-]{3,255}$"),
    };

    [Fact]
    public async Task Fenced_status_write_is_one_transaction_of_a_lease_check_and_the_conditional_put()
    {
        var (result, request) = await Capture.RunAsync(f => Store(f).PutAsync(Status(4), Fence, default), "{}", contentType: JsonContentType);

        Assert.Equal(StatusWriteResult.Written, result);
        Assert.Equal("DynamoDB_20120810.TransactWriteItems", request.Header("X-Amz-Target"));
        Assert.Equal(JsonContentType, request.Header("Content-Type"));
        JsonRpcContractTests.AssertSigned(request, "dynamodb");
        var body = JsonNode.Parse(request.Body)!.AsObject();
        var errors = new ModelValidator(Model.Value, Constraints).Validate(body, Model.Value.Operation("TransactWriteItems")["input"]);
        Assert.True(errors.Count == 0, string.Join("; ", errors));

        var items = body["TransactItems"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, item => Assert.Single(item));
        var check = items[0]["ConditionCheck"]!.AsObject();
        Assert.Equal("LEASE#zeebe-operator", (string?)check["Key"]!["pk"]!["S"]);
        Assert.Equal("LEASE", (string?)check["Key"]!["sk"]!["S"]);
        Assert.Equal("#holder = :holder AND #token = :token AND #expires > :released", (string?)check["ConditionExpression"]);
        Assert.Equal("op-2", (string?)check["ExpressionAttributeValues"]![":holder"]!["S"]);
        Assert.Equal("7", (string?)check["ExpressionAttributeValues"]![":token"]!["N"]);
        var put = items[1]["Put"]!.AsObject();
        Assert.Equal("CLUSTER#orders", (string?)put["Item"]!["pk"]!["S"]);
        Assert.Equal("attribute_not_exists(#pk) OR #gen <= :gen", (string?)put["ConditionExpression"]);
        Assert.All([check, put], AssertExpressionPlaceholdersMatch);
    }

    [Fact]
    public async Task Unfenced_status_write_stays_a_plain_conditional_put()
    {
        var (result, request) = await Capture.RunAsync(f => Store(f).PutAsync(Status(4), null, default), "{}", contentType: JsonContentType);

        Assert.Equal(StatusWriteResult.Written, result);
        Assert.Equal("DynamoDB_20120810.PutItem", request.Header("X-Amz-Target"));
        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.Empty(new ModelValidator(Model.Value).Validate(body, Model.Value.Operation("PutItem")["input"]));
        AssertExpressionPlaceholdersMatch(body);
    }

    [Theory]
    [InlineData("ConditionalCheckFailed", "None", StatusWriteResult.NotLeader)]
    [InlineData("ConditionalCheckFailed", "ConditionalCheckFailed", StatusWriteResult.NotLeader)]
    [InlineData("None", "ConditionalCheckFailed", StatusWriteResult.NewerGenerationStored)]
    public async Task A_transaction_cancelled_by_its_own_conditions_is_a_refusal(string leaseReason, string putReason, StatusWriteResult expected)
    {
        var (result, _) = await Capture.RunAsync(f => Store(f).PutAsync(Status(4), Fence, default), Cancelled(leaseReason, putReason), 400, JsonContentType);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("None", "TransactionConflict", AwsErrorKind.Throttled)]
    [InlineData("TransactionConflict", "None", AwsErrorKind.Throttled)]
    [InlineData("None", "ValidationError", AwsErrorKind.InvalidParameter)]
    public async Task A_transaction_cancelled_for_another_reason_fails_and_names_the_reasons(string leaseReason, string putReason, AwsErrorKind kind)
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            Capture.RunAsync(f => Store(f).PutAsync(Status(4), Fence, default), Cancelled(leaseReason, putReason), 400, JsonContentType));

        Assert.Equal(kind, error.Kind);
        Assert.Equal("TransactWriteItems", error.Operation);
        Assert.Equal("TransactionCanceledException", error.ErrorCode);
        Assert.Contains($"cancellation reasons: {leaseReason}, {putReason}", error.ErrorMessage, StringComparison.Ordinal);
    }

    private static DynamoDbClusterStatusStore Store(AwsClientFactory factory) => new(factory.CreateDynamoDb(), Options.Create(Capture.Options("http://unused")));

    /// <summary>DynamoDB's answer to a cancelled transaction, as its API reference documents it: one reason per item, in order.</summary>
    private static string Cancelled(params string[] codes) => new JsonObject
    {
        ["__type"] = "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
        ["Message"] = $"Transaction cancelled, please refer cancellation reasons for specific reasons [{string.Join(", ", codes)}]",
        ["CancellationReasons"] = new JsonArray([.. codes.Select(code => (JsonNode)new JsonObject
        {
            ["Code"] = code,
            ["Message"] = code == "None" ? null : "The conditional request failed",
        })]),
    }.ToJsonString();

    /// <summary>DynamoDB refuses (ValidationException) an expression placeholder that is not defined, and a definition no expression uses.</summary>
    private static void AssertExpressionPlaceholdersMatch(JsonObject item)
    {
        var expression = (string?)item["ConditionExpression"] ?? string.Empty;
        var used = Placeholder().Matches(expression).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var defined = (item["ExpressionAttributeNames"]?.AsObject().Select(p => p.Key) ?? [])
            .Concat(item["ExpressionAttributeValues"]?.AsObject().Select(p => p.Key) ?? [])
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(used.Order(StringComparer.Ordinal), defined.Order(StringComparer.Ordinal));
    }

    private static ClusterStatus Status(long generation) => new(
        "orders",
        generation,
        "\"etag\"",
        [new Condition(ConditionTypes.Ready, ConditionStatus.True, "AllBrokersReady", "3/3 brokers running", DateTimeOffset.UnixEpoch)],
        [],
        DateTimeOffset.UnixEpoch);

    [GeneratedRegex("[#:][A-Za-z0-9_]+")]
    private static partial Regex Placeholder();
}
