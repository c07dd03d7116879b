using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.Tests.Contract;
using ZeebeOperator.Aws.Tests.Infrastructure;

namespace ZeebeOperator.Aws.Tests.Runtime;

/// <summary>
/// How people at a terminal (and CI) hand the operator credentials: an assume-role profile, an SSO profile, a web
/// identity token. The SDK's chain loads AWSSDK.SecurityToken, AWSSDK.SSO and AWSSDK.SSOOIDC by name for these; each
/// test resolves the temporary credentials from an STS or SSO portal stand-in and checks that the generated (S3) and
/// the hand-written (ECS) clients sign with them.
/// </summary>
[Collection(nameof(EnvironmentVariables))]
public sealed class CredentialChainTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/zeebe-operator";
    private const string SourceKey = "AKIASOURCEPROFILE0001";
    private const string SourceSecret = "source/profile/secret/EXAMPLEKEY";
    private const string SourceProfile = $"[ops-base]\naws_access_key_id = {SourceKey}\naws_secret_access_key = {SourceSecret}\n";

    [Fact]
    public async Task An_assume_role_profile_in_Aws_Profile_signs_with_the_role_credentials_STS_returns()
    {
        var assumed = TemporaryCredentials.Issue("ASIAASSUMEDVIAOPTION1");
        await using var sts = new StsStandIn(assumed, caller: (SourceKey, SourceSecret));
        await using var aws = ServiceStandIn();
        using var sandbox = new AwsProfileSandbox()
            .WithCredentials(SourceProfile)
            .WithConfig($"[profile ops-deploy]\nrole_arn = {RoleArn}\nsource_profile = ops-base\nrole_session_name = alice\n")
            .With("AWS_ENDPOINT_URL_STS", sts.Url);

        await CallS3AndEcsAsync(Factory(aws.Url, profile: "ops-deploy"));

        AssertOneStsCall(sts, "AssumeRole", sessionName: "alice");
        AssertSignedWith(assumed, aws);
    }

    [Fact]
    public async Task An_assume_role_profile_in_AWS_PROFILE_reaches_the_default_chain()
    {
        var assumed = TemporaryCredentials.Issue("ASIAASSUMEDVIAENVVAR1");
        await using var sts = new StsStandIn(assumed, caller: (SourceKey, SourceSecret));
        await using var aws = ServiceStandIn();
        using var sandbox = new AwsProfileSandbox()
            .WithCredentials(SourceProfile)
            .WithConfig($"[profile ops-terminal]\nrole_arn = {RoleArn}\nsource_profile = ops-base\n")
            .With("AWS_ENDPOINT_URL_STS", sts.Url)
            .With("AWS_PROFILE", "ops-terminal");

        await CallS3AndEcsAsync(Factory(aws.Url, profile: null));

        AssertOneStsCall(sts, "AssumeRole");
        AssertSignedWith(assumed, aws);
    }

    [Fact]
    public async Task A_web_identity_profile_exchanges_its_token_file_for_role_credentials()
    {
        var assumed = TemporaryCredentials.Issue("ASIAWEBIDENTITYPROF1");
        await using var sts = new StsStandIn(assumed, webIdentityToken: "eyJ.profile-token.sig");
        await using var aws = ServiceStandIn();
        using var sandbox = new AwsProfileSandbox();
        var tokenFile = sandbox.WriteFile("token", "eyJ.profile-token.sig");
        sandbox
            .WithConfig($"[profile ci]\nrole_arn = {RoleArn}\nweb_identity_token_file = {tokenFile}\nrole_session_name = pipeline\n")
            .With("AWS_ENDPOINT_URL_STS", sts.Url);

        await CallS3AndEcsAsync(Factory(aws.Url, profile: "ci"));

        AssertOneStsCall(sts, "AssumeRoleWithWebIdentity", sessionName: "pipeline");
        AssertSignedWith(assumed, aws);
    }

    [Fact]
    public async Task Web_identity_variables_exchange_the_token_file_for_role_credentials()
    {
        var assumed = TemporaryCredentials.Issue("ASIAWEBIDENTITYENV01");
        await using var sts = new StsStandIn(assumed, webIdentityToken: "eyJ.env-token.sig");
        await using var aws = ServiceStandIn();
        using var sandbox = new AwsProfileSandbox();
        sandbox
            .With("AWS_WEB_IDENTITY_TOKEN_FILE", sandbox.WriteFile("token", "eyJ.env-token.sig"))
            .With("AWS_ROLE_ARN", RoleArn)
            .With("AWS_ENDPOINT_URL_STS", sts.Url);

        await CallS3AndEcsAsync(Factory(aws.Url, profile: null));

        AssertOneStsCall(sts, "AssumeRoleWithWebIdentity");
        AssertSignedWith(assumed, aws);
    }

    [Fact]
    public async Task An_sso_profile_trades_the_cached_sso_token_for_role_credentials()
    {
        const string accessToken = "sso-access-token-from-aws-sso-login";
        var issued = TemporaryCredentials.Issue("ASIASSOROLECREDS0001");
        await using var portal = new SsoPortalStandIn(issued, accessToken, accountId: "111122223333", roleName: "ZeebeOperatorAdmin");
        await using var aws = ServiceStandIn();
        using var sandbox = new AwsProfileSandbox()
            .WithConfig(
                "[profile sso-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ZeebeOperatorAdmin\n\n" +
                $"[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = {AwsProfileSandbox.Region}\nsso_registration_scopes = sso:account:access\n")
            .With("AWS_ENDPOINT_URL_SSO", portal.Url);
        // What `aws sso login --sso-session corp` leaves behind: the token cached under the SHA-1 of the session name
        // (the cache's naming scheme, not a security use).
#pragma warning disable CA5350
        var cacheName = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("corp")));
#pragma warning restore CA5350
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        sandbox.WriteFile(
            Path.Combine(".aws", "sso", "cache", cacheName + ".json"),
            $$"""{"accessToken":"{{accessToken}}","expiresAt":"{{expiresAt}}","region":"{{AwsProfileSandbox.Region}}","startUrl":"https://corp.awsapps.com/start"}""");

        await CallS3AndEcsAsync(Factory(aws.Url, profile: "sso-dev"));

        Assert.Empty(portal.Refusals);
        Assert.Single(portal.Accepted);
        AssertSignedWith(issued, aws);
    }

    [Fact]
    public async Task A_missing_Aws_Profile_is_an_error_rather_than_a_fall_back_to_other_credentials()
    {
        await using var aws = ServiceStandIn();
        using var sandbox = new AwsProfileSandbox()
            .WithCredentials(SourceProfile)
            .With("AWS_ACCESS_KEY_ID", SourceKey)
            .With("AWS_SECRET_ACCESS_KEY", SourceSecret);

        var error = await Assert.ThrowsAnyAsync<Amazon.Runtime.AmazonClientException>(() => CallS3AndEcsAsync(Factory(aws.Url, profile: "ops-deplyo")));

        Assert.Contains("\"ops-deplyo\"", error.Message, StringComparison.Ordinal);
        Assert.Empty(aws.Requests);
    }

    private static AwsClientFactory Factory(string endpoint, string? profile) =>
        new(Options.Create(new AwsOptions
        {
            Region = AwsProfileSandbox.Region,
            Profile = profile,
            EndpointUrl = endpoint,
            SpecBucket = "zeebe-specs",
            MaxErrorRetry = 0,
        }));

    private static async Task CallS3AndEcsAsync(AwsClientFactory factory)
    {
        await factory.CreateS3().ListObjectsV2Async(new ListObjectsV2Request { BucketName = "zeebe-specs" });
        await factory.CreateEcs().ListTasksAsync(Samples.Cluster, "orders-broker-1", default);
    }

    /// <summary>S3 (generated client, REST-XML) and ECS (hand-written client, JSON 1.1) behind one endpoint.</summary>
    private static LoopbackHttpServer ServiceStandIn() =>
        new(request => request.Header("X-Amz-Target") is null
            ? new CannedResponse(200, "<ListBucketResult><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>", null, "application/xml")
            : CannedResponse.Json("{\"taskArns\":[]}"));

    /// <summary>One STS call for both clients: the temporary credentials are cached, not fetched per client.</summary>
    private static void AssertOneStsCall(StsStandIn sts, string action, string? sessionName = null)
    {
        var call = Assert.Single(sts.Calls);
        Assert.Equal(action, call.Action);
        Assert.Equal(RoleArn, call.Parameters["RoleArn"]);
        if (sessionName is not null)
        {
            Assert.Equal(sessionName, call.Parameters["RoleSessionName"]);
        }
    }

    private static void AssertSignedWith(TemporaryCredentials credentials, LoopbackHttpServer aws)
    {
        Assert.Equal(2, aws.Requests.Count);
        Assert.All(aws.Requests, request => Assert.True(
            credentials.Signed(request),
            $"{request.Method} {request.Target} was not signed with {credentials.AccessKeyId} and its session token: {request.Header("Authorization")}"));
    }
}
