using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Web;
using System.Xml.Linq;
using ZeebeOperator.Aws.Tests.Contract;

namespace ZeebeOperator.Aws.Tests.Infrastructure;

/// <summary>One call STS accepted: the action and its form parameters.</summary>
public sealed record StsCall(string Action, IReadOnlyDictionary<string, string> Parameters, CapturedRequest Request);

/// <summary>
/// STS's query API on a loopback port, for AssumeRole and AssumeRoleWithWebIdentity, as strict as STS about what the
/// credential providers send: the API version, the model's required parameters, AssumeRole signed (SigV4, service
/// <c>sts</c>) by a caller it knows, the web identity token it expects. It answers with the operation's result
/// wrapper and XML namespace from the official model (<c>sts-2011-06-15.min.json</c>).
/// </summary>
public sealed class StsStandIn : IAsyncDisposable
{
    private static readonly Lazy<ApiModel> Model = new(() => ApiModel.Load("sts-2011-06-15"));

    private readonly LoopbackHttpServer _server;
    private readonly TemporaryCredentials _issued;
    private readonly (string AccessKeyId, string SecretAccessKey)? _caller;
    private readonly string? _webIdentityToken;

    /// <param name="issued">What a successful call returns.</param>
    /// <param name="caller">The long-term key pair allowed to call AssumeRole.</param>
    /// <param name="webIdentityToken">The token AssumeRoleWithWebIdentity accepts.</param>
    public StsStandIn(TemporaryCredentials issued, (string AccessKeyId, string SecretAccessKey)? caller = null, string? webIdentityToken = null)
    {
        _issued = issued;
        _caller = caller;
        _webIdentityToken = webIdentityToken;
        _server = new LoopbackHttpServer(Answer);
    }

    public string Url => _server.Url;

    public ConcurrentQueue<StsCall> Calls { get; } = new();

    /// <summary>Requests STS refused, with the reason it gave.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private CannedResponse Answer(CapturedRequest request)
    {
        var form = HttpUtility.ParseQueryString(request.BodyText);
        var parameters = form.AllKeys.OfType<string>().ToDictionary(key => key, key => form[key]!, StringComparer.Ordinal);
        var action = parameters.GetValueOrDefault("Action", string.Empty);
        if (request.Method != "POST" || !(request.Header("Content-Type") ?? string.Empty).StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
        {
            return Refuse(400, "InvalidAction", $"STS takes form-encoded POSTs, not {request.Method} {request.Header("Content-Type")}");
        }

        if (action is not ("AssumeRole" or "AssumeRoleWithWebIdentity") || parameters.GetValueOrDefault("Version") != "2011-06-15")
        {
            return Refuse(400, "InvalidAction", $"Could not find operation {action} for version {parameters.GetValueOrDefault("Version")}");
        }

        var operation = Model.Value.Operation(action);
        var missing = operation["input"]!["required"]!.AsArray().Select(name => (string)name!).Where(name => string.IsNullOrEmpty(parameters.GetValueOrDefault(name))).ToList();
        if (missing.Count > 0)
        {
            return Refuse(400, "MissingParameter", $"{action} needs {string.Join(", ", missing)}");
        }

        var refusal = action == "AssumeRole" ? CheckCaller(request) : CheckWebIdentity(parameters);
        if (refusal is not null)
        {
            return refusal;
        }

        Calls.Enqueue(new StsCall(action, parameters, request));
        return new CannedResponse(200, Result(action, operation, parameters).ToString(SaveOptions.DisableFormatting), null, "text/xml");
    }

    private CannedResponse? CheckCaller(CapturedRequest request)
    {
        var authorization = SigV4.Parse(request);
        if (authorization is null)
        {
            return Refuse(403, "MissingAuthenticationToken", "AssumeRole must be signed with the caller's credentials");
        }

        if (_caller is not { } caller || authorization.AccessKeyId != caller.AccessKeyId || authorization.Service != "sts")
        {
            return Refuse(403, "InvalidClientTokenId", $"The security token included in the request is invalid ({authorization.AccessKeyId}, {authorization.Service})");
        }

        return SigV4.IsSignedWith(request, caller.AccessKeyId, caller.SecretAccessKey)
            ? null
            : Refuse(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided");
    }

    private CannedResponse? CheckWebIdentity(Dictionary<string, string> parameters) =>
        _webIdentityToken is not null && parameters["WebIdentityToken"] == _webIdentityToken
            ? null
            : Refuse(400, "InvalidIdentityToken", "The web identity token that was passed could not be validated by AWS");

    private XElement Result(string action, JsonObject operation, Dictionary<string, string> parameters)
    {
        XNamespace ns = (string)Model.Value.Metadata["xmlNamespace"]!;
        var role = parameters["RoleArn"].Split(':', 6)[5].Split('/', 2)[1];
        var session = parameters["RoleSessionName"];
        return new XElement(
            ns + $"{action}Response",
            new XElement(
                ns + (string)operation["output"]!["resultWrapper"]!,
                new XElement(
                    ns + "Credentials",
                    new XElement(ns + "AccessKeyId", _issued.AccessKeyId),
                    new XElement(ns + "SecretAccessKey", _issued.SecretAccessKey),
                    new XElement(ns + "SessionToken", _issued.SessionToken),
                    new XElement(ns + "Expiration", _issued.Expiration.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))),
                new XElement(
                    ns + "AssumedRoleUser",
                    new XElement(ns + "AssumedRoleId", $"AROA3XFRBF535EXAMPLE:{session}"),
                    new XElement(ns + "Arn", $"arn:aws:sts::123456789012:assumed-role/{role}/{session}"))),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", Guid.NewGuid())));
    }

    private CannedResponse Refuse(int status, string code, string message)
    {
        Refusals.Enqueue($"{code}: {message}");
        XNamespace ns = (string)Model.Value.Metadata["xmlNamespace"]!;
        var body = new XElement(
            ns + "ErrorResponse",
            new XElement(ns + "Error", new XElement(ns + "Type", "Sender"), new XElement(ns + "Code", code), new XElement(ns + "Message", message)),
            new XElement(ns + "RequestId", Guid.NewGuid()));
        return new CannedResponse(status, body.ToString(SaveOptions.DisableFormatting), null, "text/xml");
    }
}
