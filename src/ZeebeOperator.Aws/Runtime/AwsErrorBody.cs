using System.Net;
using System.Text.Json;

namespace ZeebeOperator.Aws.Runtime;

/// <summary>The error code and message of a JSON 1.1 or REST-JSON error answer.</summary>
internal sealed record AwsErrorBody(string Code, string Message)
{
    /// <summary>
    /// The code comes from the <c>x-amzn-ErrorType</c> header (up to its first ':'), else the body's <c>__type</c>
    /// (after its last '#'), <c>code</c> or <c>ErrorCode</c>; the message from <c>message</c> / <c>Message</c>.
    /// </summary>
    public static AwsErrorBody Parse(ReadOnlySpan<byte> body, string? errorTypeHeader, HttpStatusCode statusCode)
    {
        string? code = null;
        string? message = null;
        if (!string.IsNullOrEmpty(errorTypeHeader))
        {
            code = errorTypeHeader.Split(':', 2)[0];
        }

        if (!body.IsEmpty)
        {
            try
            {
                using var document = JsonDocument.Parse(body.ToArray());
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind != JsonValueKind.String)
                        {
                            continue;
                        }

                        var value = property.Value.GetString();
                        switch (property.Name.ToUpperInvariant())
                        {
                            case "__TYPE" or "CODE" or "ERRORCODE" when code is null:
                                code = value;
                                break;
                            case "MESSAGE" or "ERRORMESSAGE":
                                message ??= value;
                                break;
                        }
                    }
                }
            }
            catch (JsonException)
            {
                message = System.Text.Encoding.UTF8.GetString(body);
            }
        }

        if (code is not null && code.Contains('#', StringComparison.Ordinal))
        {
            code = code[(code.LastIndexOf('#') + 1)..];
        }

        return new AwsErrorBody(
            string.IsNullOrEmpty(code) ? ((int)statusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : code,
            message ?? statusCode.ToString());
    }
}
