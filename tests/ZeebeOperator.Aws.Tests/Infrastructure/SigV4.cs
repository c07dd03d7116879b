using System.Security.Cryptography;
using System.Text;

namespace ZeebeOperator.Aws.Tests.Infrastructure;

/// <summary>The parts of a SigV4 <c>Authorization</c> header.</summary>
public sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature);

/// <summary>
/// Checks a captured request's SigV4 signature the way AWS does: rebuilds the canonical request from what arrived on
/// the wire and recomputes the signature with the secret key the caller should have used.
/// </summary>
public static class SigV4
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    public static SigV4Authorization? Parse(CapturedRequest request)
    {
        var header = request.Header("Authorization");
        if (header is null || !header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = header[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        var scope = parts["Credential"].Split('/');
        return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], parts["SignedHeaders"].Split(';'), parts["Signature"]);
    }

    public static bool IsSignedWith(CapturedRequest request, string accessKeyId, string secretAccessKey)
    {
        var authorization = Parse(request);
        if (authorization is null || authorization.AccessKeyId != accessKeyId || !authorization.SignedHeaders.Contains("host"))
        {
            return false;
        }

        var canonicalRequest = string.Join(
            '\n',
            request.Method,
            request.Path,
            CanonicalQuery(request.Query),
            string.Concat(authorization.SignedHeaders.Select(name => $"{name}:{Collapse(request.Header(name) ?? string.Empty)}\n")),
            string.Join(';', authorization.SignedHeaders),
            request.Header("x-amz-content-sha256") ?? Hex(SHA256.HashData(request.Body)));
        var scope = $"{authorization.Date}/{authorization.Region}/{authorization.Service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, request.Header("X-Amz-Date"), scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var step in new[] { authorization.Date, authorization.Region, authorization.Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(step));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))) == authorization.Signature;
    }

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Contains('=', StringComparison.Ordinal) ? pair : pair + "=")
            .Order(StringComparer.Ordinal));

    private static string Collapse(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
