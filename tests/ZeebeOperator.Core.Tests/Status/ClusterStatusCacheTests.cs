using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Tests.Status;

/// <summary>
/// The latest status per cluster, which <c>run</c> draws: it redraws when, and only when, something a user could see
/// changed (a reconcile that changes nothing, or only timestamps, draws nothing new).
/// </summary>
public sealed class ClusterStatusCacheTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly ClusterStatusCache cache = new();

    public static TheoryData<string> VisibleChanges => [.. Variants.Keys];

    private static Dictionary<string, Func<ClusterStatus, ClusterStatus>> Variants { get; } = new()
    {
        ["observed generation"] = s => s with { ObservedGeneration = s.ObservedGeneration + 1 },
        ["spec ETag"] = s => s with { SpecETag = "\"other\"" },
        ["a condition's status"] = s => s with { Conditions = [Ready(ConditionStatus.False)] },
        ["a condition's reason"] = s => s with { Conditions = [Ready(ConditionStatus.True) with { Reason = "Other" }] },
        ["a condition's message"] = s => s with { Conditions = [Ready(ConditionStatus.True) with { Message = "other" }] },
        ["a condition's type"] = s => s with { Conditions = [Ready(ConditionStatus.True) with { Type = ConditionTypes.Degraded }] },
        ["a condition more"] = s => s with { Conditions = [Ready(ConditionStatus.True), Progressing()] },
        ["a condition fewer"] = s => s with { Conditions = [] },
        ["a node"] = s => s with { Nodes = [Node(0, ready: false)] },
        ["a node's target groups"] = s => s with { Nodes = [Node(0, ready: true) with { TargetGroups = ["arn:tg-orders"] }] },
        ["a node joining the gateway name"] = s => s with { Nodes = [Node(0, ready: true) with { InGateway = true }] },
        ["a node more"] = s => s with { Nodes = [Node(0, ready: true), Node(1, ready: true)] },
        ["the topology change"] = s => s with { TopologyChange = new TopologyChangeStatus(1, "add brokers 3,4", "IN_PROGRESS", 1, 7, 2) },
        ["a pending change"] = s => s with { Pending = ["node 0: waiting for the maintenance window"] },
        ["retained data"] = s => s with { RetainedData = [new RetainedAccessPoint(3, "fsap-3", "fs-1", "/zeebe/orders/node-3")] },
    };

    [Theory]
    [MemberData(nameof(VisibleChanges))]
    public void A_visible_change_signals(string change)
    {
        var status = Status("orders");
        cache.Record(status);
        var changed = cache.Changed;
        var next = Variants[change](status);

        cache.Record(next);

        Assert.True(changed.IsCompleted);
        Assert.Same(next, cache.Find("orders"));
    }

    [Fact]
    public void A_status_that_differs_only_in_its_timestamps_does_not_signal_but_is_kept()
    {
        var status = Status("orders");
        cache.Record(status);
        var changed = cache.Changed;

        var later = status with
        {
            UpdatedAt = At.AddMinutes(1),
            Conditions = [Ready(ConditionStatus.True) with { LastTransitionTime = At.AddMinutes(1) }],
            Nodes = [Node(0, ready: true) with { TargetGroups = [] }],
            Pending = [],
            RetainedData = [],
        };
        cache.Record(later);

        Assert.False(changed.IsCompleted);
        Assert.Equal(At.AddMinutes(1), cache.Find("orders")!.UpdatedAt);
    }

    public static TheoryData<string> VisibleChangesOfAFullStatus => [.. FullVariants.Keys];

    private static Dictionary<string, Func<ClusterStatus, ClusterStatus>> FullVariants { get; } = new()
    {
        ["a node's target groups removed"] = s => s with { Nodes = [Node(0, ready: true)] },
        ["a node's target group replaced"] = s => s with { Nodes = [Node(0, ready: true) with { TargetGroups = ["arn:tg-payments"] }] },
        ["retained data removed"] = s => s with { RetainedData = null },
        ["the backups removed"] = s => s with { Backups = null },
        ["the last backup id"] = s => s with { Backups = s.Backups! with { LastBackupId = 8 } },
        ["a backup's state"] = s => s with { Backups = s.Backups! with { Recent = [s.Backups.Recent[0] with { State = BackupRecord.Completed }] } },
    };

    /// <summary>A status with every optional part filled, so that a change can also take one away.</summary>
    private static ClusterStatus Full(string cluster) => Status(cluster) with
    {
        Nodes = [Node(0, ready: true) with { TargetGroups = ["arn:tg-orders"] }],
        RetainedData = [new RetainedAccessPoint(3, "fsap-3", "fs-1", "/zeebe/orders/node-3")],
        Backups = new BackupsStatus(7, At, null, [new BackupRecord(7, At, BackupRecord.InProgress, BackupTrigger.Schedule, 1)]),
    };

    [Theory]
    [MemberData(nameof(VisibleChangesOfAFullStatus))]
    public void A_visible_change_that_takes_a_part_away_or_changes_it_signals(string change)
    {
        var status = Full("orders");
        cache.Record(status);
        var changed = cache.Changed;

        cache.Record(FullVariants[change](status));

        Assert.True(changed.IsCompleted);
    }

    [Fact]
    public void A_full_status_rebuilt_with_equal_parts_does_not_signal()
    {
        var status = Full("orders");
        cache.Record(status);
        var changed = cache.Changed;

        cache.Record(Full("orders") with { UpdatedAt = At.AddMinutes(1) });

        Assert.False(changed.IsCompleted);
    }

    [Fact]
    public void The_first_status_of_a_cluster_signals_and_others_are_kept_apart()
    {
        cache.Record(Status("orders"));
        var changed = cache.Changed;

        cache.Record(Status("payments") with { ObservedGeneration = 9 });

        Assert.True(changed.IsCompleted);
        Assert.Equal(1, cache.Find("orders")!.ObservedGeneration);
        Assert.Equal(9, cache.Find("payments")!.ObservedGeneration);
        Assert.Null(cache.Find("billing"));
    }

    [Fact]
    public void Each_change_completes_a_fresh_signal()
    {
        var status = Status("orders");
        cache.Record(status);
        var first = cache.Changed;
        cache.Record(status with { ObservedGeneration = 2 });
        var second = cache.Changed;

        Assert.True(first.IsCompleted);
        Assert.False(second.IsCompleted);
        cache.Record(status with { ObservedGeneration = 3 });
        Assert.True(second.IsCompleted);
    }

    [Theory]
    [InlineData(ConditionStatus.True, true)]
    [InlineData(ConditionStatus.False, false)]
    [InlineData(ConditionStatus.Unknown, false)]
    public void A_cluster_is_ready_when_its_Ready_condition_is_true(ConditionStatus ready, bool expected) =>
        Assert.Equal(expected, (Status("orders") with { Conditions = [Progressing(), Ready(ready)] }).IsReady);

    [Fact]
    public void A_cluster_without_a_Ready_condition_is_not_ready() =>
        Assert.False((Status("orders") with { Conditions = [Progressing()] }).IsReady);

    private static ClusterStatus Status(string cluster) =>
        new(cluster, 1, "\"etag\"", [Ready(ConditionStatus.True)], [Node(0, ready: true)], At);

    private static Condition Ready(ConditionStatus status) =>
        new(ConditionTypes.Ready, status, status == ConditionStatus.True ? "AllBrokersReady" : "BrokersNotReady", "1/1 brokers ready", At);

    private static Condition Progressing() =>
        new(ConditionTypes.Progressing, ConditionStatus.True, "Applying", "applying changes", At);

    private static NodeStatus Node(int id, bool ready) =>
        new(id, $"orders-broker-{id}.zeebe.internal", $"orders-broker-{id}", "ACTIVE", "arn:td", "arn:task", "RUNNING", "fsap-1", "srv-1", ready);
}
