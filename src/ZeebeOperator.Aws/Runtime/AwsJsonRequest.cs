using Amazon.Runtime;

namespace ZeebeOperator.Aws.Runtime;

/// <summary>
/// One call of a hand-written client, already serialised: the operation name, and for REST-JSON services the
/// method, the path template with its values and the query string. The body is UTF-8 JSON (or null).
/// </summary>
internal sealed class AwsJsonRequest(string operation, byte[]? body) : AmazonWebServiceRequest
{
    public string Operation { get; } = operation;

    public byte[]? Body { get; } = body;

    public string HttpMethod { get; init; } = "POST";

    /// <summary>A REST path template such as <c>/2015-02-01/access-points/{AccessPointId}</c>.</summary>
    public string PathTemplate { get; init; } = "/";

    public IReadOnlyDictionary<string, string> PathValues { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];
}
