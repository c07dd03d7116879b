using System.Net;
using System.Net.Sockets;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Cli;

/// <summary>Static credentials for the SDK's default chain, set for the tests of this collection only.</summary>
public sealed class FakeAwsCredentials : IDisposable
{
    private static readonly string[] Variables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL"];
    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);

    public FakeAwsCredentials()
    {
        foreach (var variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    public void Dispose()
    {
        foreach (var (variable, value) in _saved)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
    }
}

[CollectionDefinition(nameof(AwsEnvironment), DisableParallelization = true)]
public sealed class AwsEnvironment : ICollectionFixture<FakeAwsCredentials>;

/// <summary>
/// <c>run</c> without <c>--local</c>, on the real wiring and SDK clients, against one loopback endpoint that answers
/// as S3 (XML) and DynamoDB (JSON 1.0): the start-up check's messages and exit codes, and the AWS target options.
/// </summary>
[Collection(nameof(AwsEnvironment))]
public sealed class RunAgainstAwsTests : IDisposable
{
    private readonly CapturedConsole console = new();

    public void Dispose() => console.Dispose();

    [Fact]
    public async Task A_missing_bucket_exits_11_with_one_error_line()
    {
        await using var aws = new FakeAws(bucketExists: false, tableExists: true);

        var exitCode = await RunAsync("run", "--endpoint-url", aws.Url, "--region", "eu-west-1", "--bucket", "zeebe-specs");

        Assert.Equal(ExitCodes.SpecBucketUnavailable, exitCode);
        Assert.Equal(
            $"error: the spec bucket 'zeebe-specs' does not exist at {aws.Url}/; create it, or point --bucket (Aws:SpecBucket) at an existing one",
            Assert.Single(console.ErrorLines));
    }

    [Fact]
    public async Task A_missing_table_exits_12_and_suggests_create_table()
    {
        await using var aws = new FakeAws(bucketExists: true, tableExists: false);

        var exitCode = await RunAsync("run", "--endpoint-url", aws.Url, "--region", "eu-west-1", "--bucket", "zeebe-specs", "--table", "ops");

        Assert.Equal(ExitCodes.TableUnavailable, exitCode);
        Assert.Equal(
            $"error: the table 'ops' does not exist at {aws.Url}/; run once with --create-table, deploy samples/aws/dynamodb-table.json, or set --table (Aws:TableName)",
            Assert.Single(console.ErrorLines));
    }

    [Fact]
    public async Task An_unreachable_endpoint_exits_10_naming_each_service()
    {
        var closed = $"http://127.0.0.1:{FakeAws.ClosedPort()}";

        var exitCode = await RunAsync(
            new Dictionary<string, string?> { ["Aws:MaxErrorRetry"] = "0" },
            "run", "--endpoint-url", closed, "--region", "eu-west-1", "--bucket", "zeebe-specs");

        Assert.Equal(ExitCodes.AwsUnreachable, exitCode);
        var lines = console.ErrorLines.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"error: cannot reach DynamoDB at {closed}/: Connection refused", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"error: cannot reach S3 at {closed}/: Connection refused", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DynamoDB_endpoint_that_accepts_but_never_answers_exits_10_not_as_a_table_problem()
    {
        await using var s3 = new FakeAws(bucketExists: true, tableExists: true);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // The kernel completes the handshake from the backlog; nothing ever reads or answers.
        var dynamoDb = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_S3", s3.Url);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb);
        try
        {
            var exitCode = await RunAsync(
                new Dictionary<string, string?> { ["Aws:MaxErrorRetry"] = "0", ["Aws:Timeout"] = "00:00:00.3" },
                "run", "--create-table", "--region", "eu-west-1", "--bucket", "zeebe-specs");

            Assert.Equal(ExitCodes.AwsUnreachable, exitCode);
            Assert.Equal(
                $"error: DynamoDB at {dynamoDb}/ did not answer within 00:00:00.3000000; check the endpoint and the network, or raise Aws:Timeout",
                Assert.Single(console.ErrorLines));
            Assert.DoesNotContain("created", console.Out, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_S3", null);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB", null);
        }
    }

    [Fact]
    public async Task Command_line_options_beat_the_configuration()
    {
        await using var aws = new FakeAws(bucketExists: true, tableExists: false);
        var configured = new Dictionary<string, string?>
        {
            ["Aws:Region"] = "us-east-1",
            ["Aws:EndpointUrl"] = $"http://127.0.0.1:{FakeAws.ClosedPort()}",
            ["Aws:SpecBucket"] = "configured-bucket",
            ["Aws:SpecPrefix"] = "configured/",
            ["Aws:TableName"] = "configured-table",
        };

        var exitCode = await RunAsync(
            configured,
            "run", "--endpoint-url", aws.Url, "--region", "ap-southeast-2", "--bucket", "cli-bucket", "--prefix", "teams/a", "--table", "cli-table");

        Assert.Equal(ExitCodes.TableUnavailable, exitCode);
        var list = Assert.Single(aws.Requests, r => !r.Headers.ContainsKey("X-Amz-Target"));
        Assert.Matches("^/cli-bucket/?\\?", list.Target);
        Assert.Contains("prefix=teams%2Fa%2F", list.Target, StringComparison.Ordinal);
        Assert.Contains("/ap-southeast-2/s3/aws4_request", list.Headers["Authorization"], StringComparison.Ordinal);
        var describe = Assert.Single(aws.Requests, r => r.Headers.ContainsKey("X-Amz-Target"));
        Assert.Contains("\"TableName\":\"cli-table\"", describe.Body, StringComparison.Ordinal);
        Assert.Contains("/ap-southeast-2/dynamodb/aws4_request", describe.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_table_creates_the_missing_table_before_the_other_checks_fail()
    {
        await using var aws = new FakeAws(bucketExists: false, tableExists: false);

        var exitCode = await RunAsync("run", "--create-table", "--endpoint-url", aws.Url, "--region", "eu-west-1", "--bucket", "zeebe-specs", "--table", "ops");

        Assert.Equal(ExitCodes.SpecBucketUnavailable, exitCode);
        Assert.Contains("created DynamoDB table 'ops'", console.Out, StringComparison.Ordinal);
        var create = Assert.Single(aws.Requests, r => aws.Operation(r) == "CreateTable");
        Assert.Contains("\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]", create.Body, StringComparison.Ordinal);
        Assert.Contains("\"IndexName\":\"status-index\"", create.Body, StringComparison.Ordinal);
        var ttl = Assert.Single(aws.Requests, r => aws.Operation(r) == "UpdateTimeToLive");
        Assert.Contains("\"AttributeName\":\"expiresAt\",\"Enabled\":true", ttl.Body, StringComparison.Ordinal);
        Assert.StartsWith("error: the spec bucket 'zeebe-specs' does not exist", Assert.Single(console.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--table")]
    [InlineData("--create-table")]
    public async Task Aws_options_with_local_are_a_usage_error(string option)
    {
        string[] args = option == "--create-table" ? ["run", "--local", option] : ["run", "--local", option, "x"];

        var exitCode = await RunAsync(args);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains($"{option}: only without --local; they target AWS.", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_endpoint_url_or_retry_count_is_a_configuration_error()
    {
        var exitCode = await RunAsync(
            new Dictionary<string, string?> { ["Aws:MaxErrorRetry"] = "11", ["Aws:Timeout"] = "00:00:00" },
            "run", "--endpoint-url", "localhost:4566", "--bucket", "zeebe-specs");

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
        Assert.Contains("Aws:EndpointUrl 'localhost:4566' is not an absolute http(s) URL.", console.Error, StringComparison.Ordinal);
        Assert.Contains("Aws:MaxErrorRetry must be 0 to 10 (was 11).", console.Error, StringComparison.Ordinal);
        Assert.Contains("Aws:Timeout must be a positive duration", console.Error, StringComparison.Ordinal);
    }

    private Task<int> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    private Task<int> RunAsync(Dictionary<string, string?> configuration, params string[] args)
    {
        configuration["Logging:LogLevel:Default"] = "None";
        return OperatorCli.InvokeAsync(args, TestCli.Environment(console) with { ConfigurationOverrides = configuration });
    }
}
