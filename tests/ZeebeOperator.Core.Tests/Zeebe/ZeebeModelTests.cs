using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Tests.Zeebe;

/// <summary>What the operator reads out of Zeebe's answers: which backup API a broker serves, backup states, partition layout.</summary>
public sealed class ZeebeModelTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("camunda/zeebe:8.6.12", BackupEndpoint.Backups)]
    [InlineData("camunda/zeebe:8.7.99", BackupEndpoint.Backups)]
    [InlineData("camunda/camunda:8.8.0", BackupEndpoint.BackupRuntime)]
    [InlineData("camunda/camunda:8.9.1", BackupEndpoint.BackupRuntime)]
    [InlineData("camunda/camunda:latest", BackupEndpoint.BackupRuntime)]
    public void The_backup_endpoint_follows_the_image_version(string image, BackupEndpoint expected) =>
        Assert.Equal(expected, BackupEndpoints.For(image));

    [Theory]
    [InlineData(BackupState.InProgress, false)]
    [InlineData(BackupState.Unknown, false)]
    [InlineData(BackupState.Completed, true)]
    [InlineData(BackupState.Failed, true)]
    public void Only_a_backup_still_running_or_not_yet_known_can_change_state(BackupState state, bool final) =>
        Assert.Equal(final, state.IsFinal());

    [Fact]
    public void A_backup_was_created_when_its_first_partition_started_it()
    {
        var backup = new BackupInfo(7, BackupState.InProgress, null,
        [
            new PartitionBackup(1, BackupState.Completed, Noon.AddMinutes(2), null, 0),
            new PartitionBackup(2, BackupState.InProgress, null, null, 1),
            new PartitionBackup(3, BackupState.Completed, Noon, null, 2),
            new PartitionBackup(4, BackupState.Completed, Noon.AddMinutes(5), null, 0),
        ]);

        Assert.Equal(Noon, backup.CreatedAt);
    }

    [Fact]
    public void The_replication_factor_is_the_most_replicas_any_partition_has()
    {
        var topology = new ClusterTopology(3,
        [
            Broker(0, 1, 2),
            Broker(1, 1),
            Broker(2, 1, 2, 3),
        ], null, null);

        Assert.Equal(new PartitionScaling(3, 3), topology.Partitions);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_member_state_reads_as_unknown(string? state) =>
        Assert.Equal(MemberStateKind.Unknown, MemberState.Parse(state).Kind);

    private static BrokerMember Broker(int id, params int[] partitions) =>
        new(id, MemberState.Parse("ACTIVE"), "8.8.3", [.. partitions.Select(p => new PartitionMember(p, MemberState.Parse("ACTIVE"), 1))]);
}
