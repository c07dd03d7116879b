using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Cli;

/// <summary>
/// The spec verbs on the real wiring and SDK clients against a loopback S3 and DynamoDB: a store that is missing or
/// cannot be reached is the same one <c>error:</c> line and exit code as <c>run</c>'s start-up check.
/// </summary>
[Collection(nameof(AwsEnvironment))]
public sealed class SpecVerbsAgainstAwsTests : IDisposable
{
    private readonly CapturedConsole console = new();

    public void Dispose() => console.Dispose();

    [Fact]
    public async Task Apply_to_a_missing_bucket_exits_11_naming_the_bucket()
    {
        await using var aws = new FakeAws(bucketExists: false, tableExists: true);

        var exitCode = await RunAsync("apply", "-f", TestCli.Sample("dev.json"), "--endpoint-url", aws.Url, "--region", "eu-west-1", "--bucket", "zeebe-specs");

        Assert.Equal(ExitCodes.SpecBucketUnavailable, exitCode);
        Assert.Equal(
            $"error: the spec bucket 'zeebe-specs' does not exist at {aws.Url}/; create it, or point --bucket (Aws:SpecBucket) at an existing one",
            Assert.Single(console.ErrorLines));
    }

    [Fact]
    public async Task Delete_in_a_missing_bucket_is_not_a_missing_spec()
    {
        await using var aws = new FakeAws(bucketExists: false, tableExists: true);

        var exitCode = await RunAsync("delete", "dev", "--endpoint-url", aws.Url, "--region", "eu-west-1", "--bucket", "zeebe-specs");

        Assert.Equal(ExitCodes.SpecBucketUnavailable, exitCode);
        Assert.StartsWith("error: the spec bucket 'zeebe-specs' does not exist", Assert.Single(console.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_without_the_table_exits_12_and_suggests_create_table()
    {
        await using var aws = new FakeAws(bucketExists: true, tableExists: false);

        var exitCode = await RunAsync("get", "--endpoint-url", aws.Url, "--region", "eu-west-1", "--bucket", "zeebe-specs", "--table", "ops");

        Assert.Equal(ExitCodes.TableUnavailable, exitCode);
        Assert.Equal(
            $"error: the table 'ops' does not exist at {aws.Url}/; run once with --create-table, deploy samples/aws/dynamodb-table.json, or set --table (Aws:TableName)",
            Assert.Single(console.ErrorLines));
    }

    [Fact]
    public async Task An_unreachable_endpoint_exits_10_naming_the_service()
    {
        var closed = $"http://127.0.0.1:{FakeAws.ClosedPort()}";

        var exitCode = await RunAsync("get", "--endpoint-url", closed, "--region", "eu-west-1", "--bucket", "zeebe-specs");

        Assert.Equal(ExitCodes.AwsUnreachable, exitCode);
        Assert.StartsWith($"error: cannot reach S3 at {closed}/: Connection refused", Assert.Single(console.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("; check --endpoint-url (Aws:EndpointUrl, AWS_ENDPOINT_URL), --region and the network", console.Error, StringComparison.Ordinal);
    }

    private Task<int> RunAsync(params string[] args) =>
        OperatorCli.InvokeAsync(args, TestCli.RealEnvironment(console) with
        {
            ConfigurationOverrides = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None", ["Aws:MaxErrorRetry"] = "0" },
        });
}
