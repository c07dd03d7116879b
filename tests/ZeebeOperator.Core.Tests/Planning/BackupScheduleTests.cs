using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Tests.Planning;

/// <summary>When <c>spec.backup</c> asks for the next backup, as <c>zeebe-operator describe</c> and the planner read it.</summary>
public sealed class BackupScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly BackupStoreSpec Store = new("orders-backups", "orders", "eu-west-1", null);

    private static BackupSpec Nightly(string? requestedAt = null) => new("0 0 3 * * ?", BackupRetentionSpec.Default, Store, RequestedAt: requestedAt);

    [Fact]
    public void Before_the_first_scheduled_backup_the_next_one_is_the_first_occurrence_after_now()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero), BackupSchedule.NextDue(Nightly(), null, Noon));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero), BackupSchedule.NextDue(Nightly(), BackupsStatus.Empty, Noon));
    }

    [Fact]
    public void After_a_scheduled_backup_the_next_one_counts_from_it_not_from_now()
    {
        var status = BackupsStatus.Empty with { ScheduledSince = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero) };

        Assert.Equal(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero), BackupSchedule.NextDue(Nightly(), status, Noon));
    }

    [Fact]
    public void Without_a_schedule_no_backup_is_ever_due_on_time()
    {
        var onRequest = Nightly() with { Schedule = null };

        Assert.Null(BackupSchedule.NextDue(onRequest, null, Noon));
        Assert.Null(BackupSchedule.After(onRequest, Noon));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("2026-12-03T10:00:00Z", null, true)]
    [InlineData("2026-12-03T10:00:00Z", "2026-12-03T10:00:00Z", false)]
    [InlineData("2026-12-03T11:00:00Z", "2026-12-03T10:00:00Z", true)]
    public void A_request_is_pending_until_the_status_records_it_answered(string? requestedAt, string? handled, bool pending)
    {
        Assert.Equal(pending, BackupSchedule.RequestPending(Nightly(requestedAt), BackupsStatus.Empty with { HandledRequest = handled }));
        Assert.Equal(requestedAt is not null, BackupSchedule.RequestPending(Nightly(requestedAt), null));
    }
}
