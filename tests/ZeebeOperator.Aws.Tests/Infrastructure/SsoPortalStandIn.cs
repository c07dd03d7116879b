using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Web;
using ZeebeOperator.Aws.Tests.Contract;

namespace ZeebeOperator.Aws.Tests.Infrastructure;

/// <summary>
/// The IAM Identity Center (SSO) portal's GetRoleCredentials on a loopback port, as strict as the portal about what
/// the SSO credential provider sends: the method and URI, every required member where the official model
/// (<c>sso-2019-06-10.min.json</c>) puts it (query string, header), and the one access token, account and role it
/// knows. Anything else gets the portal's <c>UnauthorizedException</c>.
/// </summary>
public sealed class SsoPortalStandIn : IAsyncDisposable
{
    private static readonly Lazy<ApiModel> Model = new(() => ApiModel.Load("sso-2019-06-10"));

    private readonly LoopbackHttpServer _server;
    private readonly TemporaryCredentials _issued;
    private readonly string _accessToken;
    private readonly string _accountId;
    private readonly string _roleName;

    public SsoPortalStandIn(TemporaryCredentials issued, string accessToken, string accountId, string roleName)
    {
        _issued = issued;
        _accessToken = accessToken;
        _accountId = accountId;
        _roleName = roleName;
        _server = new LoopbackHttpServer(Answer);
    }

    public string Url => _server.Url;

    public ConcurrentQueue<CapturedRequest> Accepted { get; } = new();

    public ConcurrentQueue<string> Refusals { get; } = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private CannedResponse Answer(CapturedRequest request)
    {
        var operation = Model.Value.Operation("GetRoleCredentials");
        var http = operation["http"]!;
        if (request.Method != (string)http["method"]! || request.Path != (string)http["requestUri"]!)
        {
            return Refuse(404, "ResourceNotFoundException", $"no route for {request.Method} {request.Path}");
        }

        var query = HttpUtility.ParseQueryString(request.Query);
        var input = operation["input"]!.AsObject();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (member, shape) in input["members"]!.AsObject())
        {
            var name = (string)shape!["locationName"]!;
            values[member] = (string?)shape["location"] == "header" ? request.Header(name) : query[name];
        }

        var missing = input["required"]!.AsArray().Select(name => (string)name!).Where(name => string.IsNullOrEmpty(values[name])).ToList();
        if (missing.Count > 0)
        {
            return Refuse(400, "InvalidRequestException", $"GetRoleCredentials needs {string.Join(", ", missing)}");
        }

        if (values["accessToken"] != _accessToken || values["accountId"] != _accountId || values["roleName"] != _roleName)
        {
            return Refuse(401, "UnauthorizedException", "Session token not found or invalid");
        }

        Accepted.Enqueue(request);
        var body = new JsonObject
        {
            ["roleCredentials"] = new JsonObject
            {
                ["accessKeyId"] = _issued.AccessKeyId,
                ["secretAccessKey"] = _issued.SecretAccessKey,
                ["sessionToken"] = _issued.SessionToken,
                ["expiration"] = _issued.Expiration.ToUnixTimeMilliseconds(),
            },
        };
        return new CannedResponse(200, body.ToJsonString(), null, "application/json");
    }

    private CannedResponse Refuse(int status, string code, string message)
    {
        Refusals.Enqueue($"{code}: {message}");
        return new CannedResponse(
            status,
            new JsonObject { ["message"] = message }.ToJsonString(),
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = code },
            "application/json");
    }
}
