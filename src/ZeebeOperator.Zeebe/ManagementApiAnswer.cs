using System.Globalization;
using System.Net;
using System.Text.Json;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Zeebe.Json;

namespace ZeebeOperator.Zeebe;

/// <summary>One HTTP answer of the management API, and how its status maps to <see cref="ZeebeApiException"/>.</summary>
internal sealed record ManagementApiAnswer(HttpMethod Method, Uri Uri, HttpStatusCode Status, string Body)
{
    private const int MaxBodyInMessage = 300;

    public bool IsSuccess => (int)Status is >= 200 and <= 299;

    /// <summary>The broker's base address with <paramref name="path"/> appended (a path prefix in the base is kept).</summary>
    public static Uri Resolve(Uri broker, string path)
    {
        var text = broker.AbsoluteUri;
        var baseUri = text.EndsWith('/') ? broker : new Uri(text + "/");
        return new Uri(baseUri, path);
    }

    public T ReadSuccess<T>()
        where T : class
    {
        if (!IsSuccess)
        {
            throw ToException();
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Body, ManagementApiJson.Options)
                ?? throw Malformed("an empty body", null);
        }
        catch (JsonException exception)
        {
            throw Malformed(exception.Message, exception);
        }
    }

    public ZeebeApiException ToException()
    {
        var kind = (int)Status switch
        {
            400 => ZeebeApiErrorKind.InvalidRequest,
            404 or 405 => ZeebeApiErrorKind.NotFound,
            409 => ZeebeApiErrorKind.ChangeInProgress,
            502 => ZeebeApiErrorKind.Unreachable,
            504 => ZeebeApiErrorKind.Timeout,
            >= 500 => ZeebeApiErrorKind.ServerError,
            _ => ZeebeApiErrorKind.InvalidRequest,
        };
        return new ZeebeApiException(
            kind,
            string.Create(CultureInfo.InvariantCulture, $"{Method} {Uri} answered {(int)Status} {Status}: {ErrorMessage()}"));
    }

    private ZeebeApiException Malformed(string reason, Exception? inner) =>
        new(ZeebeApiErrorKind.ServerError, $"{Method} {Uri} answered {(int)Status} with a body that is not the expected JSON: {reason}", inner);

    private string ErrorMessage()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return "(no body)";
        }

        try
        {
            if (JsonSerializer.Deserialize<ErrorDto>(Body, ManagementApiJson.Options) is { Message: { Length: > 0 } message })
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not Zeebe's error shape (e.g. a proxy's HTML page): quote the body instead.
        }

        return Body.Length <= MaxBodyInMessage ? Body : Body[..MaxBodyInMessage] + "...";
    }
}
