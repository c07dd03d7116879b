using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Aws;
using ZeebeOperator.Aws.S3;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Cli;

/// <summary>The spec verbs against the S3 spec store (the SDK client mocked): the conditional-write headers and a lost race.</summary>
public sealed class SpecCliAwsTests : IDisposable
{
    private readonly SpecCliWorkspace workspace = new();
    private readonly Mock<IAmazonS3> s3 = new();
    private readonly List<PutObjectRequest> puts = [];

    public SpecCliAwsTests()
    {
        var store = new S3SpecStore(s3.Object, Options.Create(new AwsOptions { SpecBucket = "zeebe-specs" }));
        workspace.StoresSource = _ => new SpecStores(store, Mock.Of<IClusterStatusStore>(), Mock.Of<IAuditLog>());
    }

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_new_spec_is_created_with_if_none_match_star()
    {
        s3.Setup(c => c.GetObjectAsync("zeebe-specs", "clusters/dev.json", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonS3Exception("The specified key does not exist.") { ErrorCode = "NoSuchKey", StatusCode = HttpStatusCode.NotFound });
        AcceptPuts();

        var exitCode = await workspace.RunAsync(["apply", "-f", workspace.WriteDev()]);

        Assert.Equal(ExitCodes.Success, exitCode);
        var put = Assert.Single(puts);
        Assert.Equal(("clusters/dev.json", "*", null), (put.Key, put.IfNoneMatch, put.IfMatch));
    }

    [Fact]
    public async Task A_change_replaces_only_the_version_read_and_a_412_is_a_conflict()
    {
        var stored = File.ReadAllText(TestCli.Sample("dev.json"));
        s3.Setup(c => c.GetObjectAsync("zeebe-specs", "clusters/dev.json", It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new GetObjectResponse { ETag = "\"v1\"", ResponseStream = new MemoryStream(Encoding.UTF8.GetBytes(stored)) });
        s3.Setup(c => c.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>()))
            .Callback((PutObjectRequest request, CancellationToken _) => puts.Add(request))
            .ThrowsAsync(new AmazonS3Exception("At least one of the pre-conditions you specified did not hold") { ErrorCode = "PreconditionFailed", StatusCode = HttpStatusCode.PreconditionFailed });

        var exitCode = await workspace.RunAsync(["apply", "-f", workspace.WriteDev(s => s.Replace("\"clusterSize\": 3", "\"clusterSize\": 5", StringComparison.Ordinal))]);

        Assert.Equal(ExitCodes.Conflict, exitCode);
        var put = Assert.Single(puts);
        Assert.Equal(("\"v1\"", null), (put.IfMatch, put.IfNoneMatch));
        Assert.Contains("\"generation\": 2", put.ContentBody, StringComparison.Ordinal);
        Assert.Contains("was changed or removed by someone else", workspace.Console.Error, StringComparison.Ordinal);
    }

    private void AcceptPuts() =>
        s3.Setup(c => c.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>()))
            .Callback((PutObjectRequest request, CancellationToken _) => puts.Add(request))
            .ReturnsAsync(new PutObjectResponse { ETag = "\"v2\"" });
}
