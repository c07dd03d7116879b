using System.Net;
using System.Net.Sockets;
using ZeebeOperator.Testing;

namespace ZeebeOperator.Host.Tests.Support;

/// <summary>
/// One loopback endpoint answering like S3 (path-style: the listing, GetObject, PutObject) and like DynamoDB
/// (JSON 1.0: the table calls, Query, GetItem), with or without the bucket and the table. As AWS does, every call
/// to a missing bucket is NoSuchBucket and every call to a missing table (but CreateTable) ResourceNotFoundException.
/// </summary>
internal sealed class FakeAws : IAsyncDisposable
{
    private const string Json = "application/x-amz-json-1.0";
    private const string TableDescription =
        """{"TableName":"zeebe-operator","TableStatus":"ACTIVE","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"GlobalSecondaryIndexes":[{"IndexName":"status-index","IndexStatus":"ACTIVE"}]}""";

    private readonly bool _bucketExists;
    private readonly LoopbackHttpServer _server;
    private volatile bool _tableExists;

    public FakeAws(bool bucketExists, bool tableExists)
    {
        _bucketExists = bucketExists;
        _tableExists = tableExists;
        _server = new LoopbackHttpServer(Answer);
    }

    public string Url => _server.BaseUri.ToString().TrimEnd('/');

    public IReadOnlyList<RecordedRequest> Requests => [.. _server.Requests];

    /// <summary>A loopback port nothing listens on: connections to it are refused.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string? Operation(RecordedRequest request) =>
        request.Headers.TryGetValue("X-Amz-Target", out var target) ? target.Split('.')[^1] : null;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private CannedResponse Answer(RecordedRequest request) =>
        Operation(request) is { } operation ? AnswerDynamoDb(operation) : AnswerS3(request);

    private CannedResponse AnswerS3(RecordedRequest request)
    {
        if (!_bucketExists)
        {
            return new CannedResponse(404, """<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><RequestId>R1</RequestId></Error>""", "application/xml");
        }

        var isObject = request.Target.Split('?', 2)[0].Trim('/').Contains('/', StringComparison.Ordinal);
        return (request.Method, isObject) switch
        {
            ("PUT", true) => new CannedResponse(200, string.Empty, "application/xml"),
            (_, true) => new CannedResponse(404, """<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>R1</RequestId></Error>""", "application/xml"),
            _ => new CannedResponse(200, """<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>""", "application/xml"),
        };
    }

    private CannedResponse AnswerDynamoDb(string operation)
    {
        if (!_tableExists && operation != "CreateTable")
        {
            return new CannedResponse(400, """{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}""", Json);
        }

        switch (operation)
        {
            case "DescribeTable":
                return new CannedResponse(200, $$"""{"Table":{{TableDescription}}}""", Json);
            case "CreateTable":
                _tableExists = true;
                return new CannedResponse(200, $$"""{"TableDescription":{{TableDescription.Replace("ACTIVE\",\"KeySchema", "CREATING\",\"KeySchema", StringComparison.Ordinal)}}}""", Json);
            case "UpdateTimeToLive":
                return new CannedResponse(200, """{"TimeToLiveSpecification":{"AttributeName":"expiresAt","Enabled":true}}""", Json);
            case "Query":
                return new CannedResponse(200, """{"Count":0,"Items":[],"ScannedCount":0}""", Json);
            case "GetItem":
                return new CannedResponse(200, "{}", Json);
            default:
                return new CannedResponse(400, """{"__type":"com.amazon.coral.validate#ValidationException","message":"not in this fake"}""", Json);
        }
    }
}
