using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Core.Tests.Simulation;

public sealed class SimulatedEfsTests
{
    private const string FileSystemId = "fs-12345678";

    private static CancellationToken Ct => CancellationToken.None;

    private static CreateAccessPointRequest Request(string token, string path = "/zeebe/orders/node-0") =>
        new(token, FileSystemId, path, new PosixIdentity(1001, 0), "0750", new Dictionary<string, string> { [TagKeys.Name] = "orders-node-0" });

    [Fact]
    public async Task Create_is_idempotent_by_client_token_and_becomes_available()
    {
        var sim = new SimulationFixture();

        var created = await sim.Aws.Efs.CreateAccessPointAsync(Request("tok-0"), Ct);
        var retried = await sim.Aws.Efs.CreateAccessPointAsync(Request("tok-0"), Ct);
        var mismatch = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Efs.CreateAccessPointAsync(Request("tok-0", "/other"), Ct));

        Assert.Matches("^fsap-[0-9a-f]{17}$", created.AccessPointId);
        Assert.Equal($"arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/{created.AccessPointId}", created.AccessPointArn);
        Assert.Equal(AccessPointLifeCycle.Creating, created.LifeCycleState);
        Assert.Equal(created.AccessPointId, retried.AccessPointId);
        Assert.Equal((AwsErrorKind.AlreadyExists, "AccessPointAlreadyExists"), (mismatch.Kind, mismatch.ErrorCode));
        var listed = Assert.Single(await sim.Aws.Efs.DescribeAccessPointsAsync(FileSystemId, Ct));
        Assert.Equal(AccessPointLifeCycle.Available, listed.LifeCycleState);
        Assert.Equal("orders-node-0", listed.Name);
        Assert.Equal(new PosixIdentity(1001, 0), listed.PosixUser);
    }

    [Fact]
    public async Task A_repeated_client_token_returns_the_deleted_access_point_and_creates_nothing()
    {
        var sim = new SimulationFixture();
        var created = await sim.Aws.Efs.CreateAccessPointAsync(Request("tok-0"), Ct);
        await sim.Aws.Efs.DeleteAccessPointAsync(created.AccessPointId, Ct);
        sim.Advance(TimeSpan.FromHours(1));

        var repeated = await sim.Aws.Efs.CreateAccessPointAsync(Request("tok-0"), Ct);
        var mismatch = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Efs.CreateAccessPointAsync(Request("tok-0", "/other"), Ct));
        var gone = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Efs.DeleteAccessPointAsync(repeated.AccessPointId, Ct));

        Assert.Equal(created.AccessPointId, repeated.AccessPointId);
        Assert.Empty(await sim.Aws.Efs.DescribeAccessPointsAsync(FileSystemId, Ct));
        Assert.Equal((AwsErrorKind.AlreadyExists, "AccessPointAlreadyExists"), (mismatch.Kind, mismatch.ErrorCode));
        Assert.Equal((AwsErrorKind.NotFound, "AccessPointNotFound"), (gone.Kind, gone.ErrorCode));

        var fresh = await sim.Aws.Efs.CreateAccessPointAsync(Request("tok-1"), Ct);
        Assert.NotEqual(created.AccessPointId, fresh.AccessPointId);
        Assert.Equal(fresh.AccessPointId, Assert.Single(await sim.Aws.Efs.DescribeAccessPointsAsync(FileSystemId, Ct)).AccessPointId);
    }

    [Fact]
    public async Task Strict_mode_knows_only_seeded_file_systems()
    {
        var sim = new SimulationFixture(new SimulationOptions { AutoCreateInfrastructure = false });

        var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Efs.DescribeAccessPointsAsync(FileSystemId, Ct));
        Assert.Equal((AwsErrorKind.NotFound, "FileSystemNotFound"), (error.Kind, error.ErrorCode));

        sim.Aws.AddFileSystem(FileSystemId);
        Assert.Empty(await sim.Aws.Efs.DescribeAccessPointsAsync(FileSystemId, Ct));
    }

    [Fact]
    public async Task Delete_and_tag_need_an_existing_access_point()
    {
        var sim = new SimulationFixture();
        var created = await sim.Aws.Efs.CreateAccessPointAsync(Request("tok-0"), Ct);

        await sim.Aws.Efs.TagResourceAsync(created.AccessPointId, new Dictionary<string, string> { [TagKeys.NodeId] = "0" }, Ct);
        Assert.Equal("0", Assert.Single(await sim.Aws.Efs.DescribeAccessPointsAsync(FileSystemId, Ct)).Tags[TagKeys.NodeId]);
        await sim.Aws.Efs.DeleteAccessPointAsync(created.AccessPointId, Ct);

        Assert.Empty(await sim.Aws.Efs.DescribeAccessPointsAsync(FileSystemId, Ct));
        var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Efs.DeleteAccessPointAsync(created.AccessPointId, Ct));
        Assert.Equal((AwsErrorKind.NotFound, "AccessPointNotFound"), (error.Kind, error.ErrorCode));
    }

    [Fact]
    public async Task The_access_point_quota_is_enforced_per_file_system()
    {
        var sim = new SimulationFixture(new SimulationOptions { MaxAccessPointsPerFileSystem = 2 });
        await sim.Aws.Efs.CreateAccessPointAsync(Request("a", "/a"), Ct);
        await sim.Aws.Efs.CreateAccessPointAsync(Request("b", "/b"), Ct);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Efs.CreateAccessPointAsync(Request("c", "/c"), Ct));

        Assert.Equal("AccessPointLimitExceeded", error.ErrorCode);
        Assert.Equal(2, (await sim.Aws.Efs.DescribeAccessPointsAsync(FileSystemId, Ct)).Count);
    }

    [Theory]
    [InlineData("relative/path", "0750")]
    [InlineData("/a/b/c/d/e", "0750")]
    [InlineData("/ok", "999")]
    public async Task Invalid_requests_are_bad_requests(string path, string permissions)
    {
        var sim = new SimulationFixture();

        var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Efs.CreateAccessPointAsync(Request("t", path) with { CreationPermissions = permissions }, Ct));

        Assert.Equal((AwsErrorKind.InvalidParameter, "BadRequest"), (error.Kind, error.ErrorCode));
    }
}
