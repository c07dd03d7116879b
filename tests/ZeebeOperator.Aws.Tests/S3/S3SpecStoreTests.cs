using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.S3;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.Tests.S3;

/// <summary>The S3 store's requests on the wire (prefix, pagination, conditional-write headers), against the loopback server.</summary>
public sealed class S3SpecStoreTests
{
    private const string Xml = "application/xml";

    [Fact]
    public async Task List_pages_through_the_prefix_and_returns_relative_json_keys()
    {
        var pages = new Queue<string>(
        [
            ListPage(["clusters/orders.json", "clusters/readme.txt", "clusters/archive/old.json"], "token-2"),
            ListPage(["clusters/payments.json"], null),
        ]);
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, pages.Dequeue(), ContentType: Xml));

        var specs = await Store(server).ListAsync(default);

        Assert.Equal(["orders.json", "payments.json"], specs.Select(s => s.Key));
        Assert.Equal("\"etag-clusters/orders.json\"", specs[0].ETag);
        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("/zeebe-specs", r.Path.TrimEnd('/')));
        Assert.All(requests, r => Assert.Contains("prefix=clusters%2F", r.Query, StringComparison.Ordinal));
        Assert.Contains("list-type=2", requests[0].Query, StringComparison.Ordinal);
        Assert.DoesNotContain("continuation-token", requests[0].Query, StringComparison.Ordinal);
        Assert.Contains("continuation-token=token-2", requests[1].Query, StringComparison.Ordinal);
        JsonRpcSigned(requests[0]);
    }

    [Fact]
    public async Task Create_only_sends_if_none_match_star()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, string.Empty, new Dictionary<string, string> { ["ETag"] = "\"new\"" }, Xml));

        var etag = await Store(server).PutAsync("orders.json", "{\"kind\":\"ZeebeCluster\"}", WriteCondition.CreateOnly, default);

        Assert.Equal("\"new\"", etag);
        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/zeebe-specs/clusters/orders.json", request.Path);
        Assert.Equal("*", request.Header("If-None-Match"));
        Assert.Null(request.Header("If-Match"));
        Assert.Equal("{\"kind\":\"ZeebeCluster\"}", request.BodyText);
    }

    [Fact]
    public async Task Replace_sends_if_match_with_the_etag_read()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, string.Empty, new Dictionary<string, string> { ["ETag"] = "\"v2\"" }, Xml));

        await Store(server).PutAsync("orders.json", "{}", WriteCondition.Replacing("\"v1\""), default);

        var request = Assert.Single(server.Requests);
        Assert.Equal("\"v1\"", request.Header("If-Match"));
        Assert.Null(request.Header("If-None-Match"));
    }

    [Theory]
    [InlineData(412, "PreconditionFailed")]
    [InlineData(409, "ConditionalRequestConflict")]
    public async Task Failed_preconditions_are_conflicts(int status, string code)
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(status, ErrorXml(code), ContentType: Xml));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Store(server).PutAsync("orders.json", "{}", WriteCondition.CreateOnly, default));

        Assert.Equal(AwsErrorKind.Conflict, error.Kind);
        Assert.Equal(code, error.ErrorCode);
    }

    [Fact]
    public async Task Get_reads_body_and_etag_and_missing_keys_are_not_found()
    {
#pragma warning disable CA5351 // S3 ETags of single-part objects are MD5 digests; the SDK checks the body against it.
        var etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("{\"spec\":1}"u8))}\"";
#pragma warning restore CA5351
        await using var server = new LoopbackHttpServer(r => r.Path.EndsWith("orders.json", StringComparison.Ordinal)
            ? new CannedResponse(200, "{\"spec\":1}", new Dictionary<string, string> { ["ETag"] = etag }, "application/json")
            : new CannedResponse(404, ErrorXml("NoSuchKey"), ContentType: Xml));
        var store = Store(server);

        var content = await store.GetAsync("orders.json", default);
        var missing = await Assert.ThrowsAsync<AwsApiException>(() => store.GetAsync("gone.json", default));

        Assert.Equal(new SpecContent("orders.json", etag, "{\"spec\":1}"), content);
        Assert.Equal(AwsErrorKind.NotFound, missing.Kind);
        Assert.Equal("/zeebe-specs/clusters/orders.json", server.Requests.First().Path);
    }

    [Fact]
    public async Task A_missing_bucket_is_not_a_missing_key()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(404, ErrorXml("NoSuchBucket"), ContentType: Xml));
        var store = Store(server);

        var read = await Assert.ThrowsAsync<AwsApiException>(() => store.GetAsync("orders.json", default));
        var write = await Assert.ThrowsAsync<AwsApiException>(() => store.PutAsync("orders.json", "{}", WriteCondition.Replacing("\"v1\""), default));

        // NotFound would read as "no such spec" (the reconciler: the spec is gone) or, under If-Match, a lost race.
        Assert.All([read, write], e => Assert.NotEqual(AwsErrorKind.NotFound, e.Kind));
        Assert.All([read, write], e => Assert.Equal("NoSuchBucket", e.ErrorCode));
    }

    [Fact]
    public async Task An_endpoint_that_never_answers_is_a_transient_AwsApiException()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(); // Connections complete from the backlog; nothing ever answers.
        var options = Capture.Options($"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}");
        options.MaxErrorRetry = 0;
        options.Timeout = TimeSpan.FromMilliseconds(300);
        var wrapped = Options.Create(options);
        var store = new S3SpecStore(new AwsClientFactory(wrapped, new Amazon.Runtime.BasicAWSCredentials(Capture.AccessKey, "secret")).CreateS3(), wrapped);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => store.ListAsync(default));

        Assert.Equal(("S3", "ListObjectsV2", AwsErrorKind.ServiceUnavailable), (error.Service, error.Operation, error.Kind));
        Assert.True(error.IsTransient);
    }

    private static S3SpecStore Store(LoopbackHttpServer server)
    {
        var options = Options.Create(Capture.Options(server.Url));
        return new S3SpecStore(new AwsClientFactory(options, new Amazon.Runtime.BasicAWSCredentials(Capture.AccessKey, "secret")).CreateS3(), options);
    }

    private static void JsonRpcSigned(CapturedRequest request) =>
        Assert.Contains($"/{Capture.Region}/s3/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);

    private static string ListPage(IEnumerable<string> keys, string? next) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>zeebe-specs</Name><Prefix>clusters/</Prefix>"
        + string.Concat(keys.Select(k => $"<Contents><Key>{k}</Key><LastModified>2025-03-14T09:26:53.000Z</LastModified><ETag>&quot;etag-{k}&quot;</ETag><Size>10</Size><StorageClass>STANDARD</StorageClass></Contents>"))
        + $"<IsTruncated>{(next is null ? "false" : "true")}</IsTruncated>"
        + (next is null ? string.Empty : $"<NextContinuationToken>{next}</NextContinuationToken>")
        + "</ListBucketResult>";

    internal static string ErrorXml(string code) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{code} happened</Message><RequestId>r1</RequestId></Error>";
}
