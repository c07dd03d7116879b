namespace ZeebeOperator.Aws.Tests.Infrastructure;

/// <summary>A set of temporary credentials a stand-in hands out (STS, the SSO portal).</summary>
public sealed record TemporaryCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration)
{
    /// <summary>Valid for an hour of real time: the SDK refreshes credentials that expire within 15 minutes.</summary>
    public static TemporaryCredentials Issue(string accessKeyId) =>
        new(accessKeyId, $"secret/{accessKeyId}/EXAMPLEKEY", $"session-token-of-{accessKeyId}", DateTimeOffset.UtcNow.AddHours(1));

    /// <summary>Whether a request carries these credentials: SigV4 with this key pair, and the session token.</summary>
    public bool Signed(CapturedRequest request) =>
        SigV4.IsSignedWith(request, AccessKeyId, SecretAccessKey) && request.Header("X-Amz-Security-Token") == SessionToken;
}
