using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Testing;

namespace ZeebeOperator.Zeebe.Tests;

/// <summary>The backup management API over HTTP: the path the image serves, Zeebe's JSON, and its error statuses.</summary>
public sealed class BackupApiClientTests : IDisposable
{
    private readonly HttpClient _httpClient = new();

    public void Dispose() => _httpClient.Dispose();

    [Theory]
    [InlineData(BackupEndpoint.BackupRuntime, "/actuator/backupRuntime")]
    [InlineData(BackupEndpoint.Backups, "/actuator/backups")]
    public async Task TakeBackup_posts_the_id_as_json_to_the_images_path(BackupEndpoint endpoint, string path)
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(202, """{"message":"A backup with id 1733220000000 has been scheduled"}"""));

        await Client().TakeBackupAsync(server.BaseUri, endpoint, 1733220000000, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", path), (request.Method, request.Target));
        Assert.Equal("""{"backupId":1733220000000}""", request.Body);
    }

    [Theory]
    [InlineData(409, ZeebeApiErrorKind.ChangeInProgress)]
    [InlineData(400, ZeebeApiErrorKind.InvalidRequest)]
    [InlineData(504, ZeebeApiErrorKind.Timeout)]
    public async Task TakeBackup_turns_Zeebes_refusal_into_its_kind_with_the_message(int status, ZeebeApiErrorKind kind)
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(status, """{"message":"A backup with same or higher id already exists"}"""));

        var error = await Assert.ThrowsAsync<ZeebeApiException>(() => Client().TakeBackupAsync(server.BaseUri, BackupEndpoint.BackupRuntime, 3, CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Contains("same or higher id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBackup_reads_the_state_the_failure_and_each_partition()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, """
            {"backupId":12,"state":"FAILED","failureReason":"partition 2 failed","details":[
              {"partitionId":1,"state":"COMPLETED","createdAt":"2025-01-01T00:00:00.123456789Z","lastUpdatedAt":"2025-01-01T00:01:00Z","brokerId":0,"snapshotId":"1-2-3","checkpointPosition":10,"brokerVersion":"8.8.3"},
              {"partitionId":2,"state":"FAILED","failureReason":"disk","brokerId":"1"}]}
            """));

        var backup = await Client().GetBackupAsync(server.BaseUri, BackupEndpoint.BackupRuntime, 12, CancellationToken.None);

        Assert.Equal("/actuator/backupRuntime/12", Assert.Single(server.Requests).Target);
        Assert.Equal((12L, BackupState.Failed, "partition 2 failed"), (backup.BackupId, backup.State, backup.FailureReason));
        Assert.Equal([(1, BackupState.Completed, (int?)0), (2, BackupState.Failed, (int?)1)], backup.Partitions.Select(p => (p.PartitionId, p.State, p.BrokerId)));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1234568), backup.CreatedAt);
    }

    [Fact]
    public async Task ListBackups_reads_every_backup_and_keeps_an_unknown_state_as_unknown()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, """[{"backupId":2,"state":"IN_PROGRESS","details":[]},{"backupId":1,"state":"SOMETHING_NEW"}]"""));

        var backups = await Client().ListBackupsAsync(server.BaseUri, BackupEndpoint.Backups, CancellationToken.None);

        Assert.Equal("/actuator/backups", Assert.Single(server.Requests).Target);
        Assert.Equal([(2L, BackupState.InProgress), (1L, BackupState.Unknown)], backups.Select(b => (b.BackupId, b.State)));
    }

    [Fact]
    public async Task DeleteBackup_sends_DELETE_to_the_backups_path()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(204));

        await Client().DeleteBackupAsync(server.BaseUri, BackupEndpoint.BackupRuntime, 7, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(("DELETE", "/actuator/backupRuntime/7"), (request.Method, request.Target));
    }

    [Fact]
    public async Task DeleteBackup_fails_on_a_server_error()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(500, """{"message":"store unreachable"}"""));

        var error = await Assert.ThrowsAsync<ZeebeApiException>(() => Client().DeleteBackupAsync(server.BaseUri, BackupEndpoint.BackupRuntime, 7, CancellationToken.None));

        Assert.Equal(ZeebeApiErrorKind.ServerError, error.Kind);
    }

    [Theory]
    [InlineData("camunda/camunda:8.8.3", BackupEndpoint.BackupRuntime)]
    [InlineData("camunda/camunda:8.9.0-alpha1", BackupEndpoint.BackupRuntime)]
    [InlineData("camunda/camunda:latest", BackupEndpoint.BackupRuntime)]
    [InlineData("camunda/zeebe:8.7.12", BackupEndpoint.Backups)]
    public void The_image_decides_the_path(string image, BackupEndpoint expected) => Assert.Equal(expected, BackupEndpoints.For(image));

    private ZeebeClusterApiClient Client() =>
        new(_httpClient, Options.Create(new ZeebeApiOptions()), new ManualTimeProvider(DateTimeOffset.UnixEpoch), NullLogger<ZeebeClusterApiClient>.Instance);
}
