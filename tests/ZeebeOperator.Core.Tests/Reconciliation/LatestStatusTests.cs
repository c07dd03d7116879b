using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>The status the reconciler holds in memory (what <c>run</c> shows) against the status it stores.</summary>
public sealed class LatestStatusTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly OperatorHarness _operator;

    public LatestStatusTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions());
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2));
    }

    private ClusterStatusCache Latest => _operator.Services.GetRequiredService<ClusterStatusCache>();

    public void Dispose() => _operator.Dispose();

    [Fact]
    public async Task The_latest_status_is_the_one_stored()
    {
        _operator.Commit(TestSpecs.Orders());

        await _operator.ConvergeAsync();

        var stored = (await _operator.StatusAsync())!;
        var latest = Latest.Find("orders");
        Assert.NotNull(latest);
        Assert.True(latest.IsReady);
        Assert.True(latest.SameAs(stored));
    }

    [Fact]
    public async Task A_reconcile_that_changes_nothing_signals_no_change()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var changed = Latest.Changed;

        await _operator.ReconcileAsync();

        Assert.False(changed.IsCompleted);
    }

    [Fact]
    public async Task A_status_the_store_refuses_as_stale_is_not_shown_the_newer_one_is()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var stored = (await _operator.StatusAsync())!;
        var newer = stored with
        {
            ObservedGeneration = stored.ObservedGeneration + 5,
            Conditions = [.. stored.Conditions.Select(c => c.Type == ConditionTypes.Ready ? c with { Status = ConditionStatus.False, Reason = "WrittenElsewhere" } : c)],
        };
        Assert.True(await _aws.Status.PutAsync(newer, CancellationToken.None));

        await _operator.ReconcileAsync();

        Assert.Equal(newer.ObservedGeneration, Latest.Find("orders")!.ObservedGeneration);
        Assert.Equal("WrittenElsewhere", Latest.Find("orders")!.Find(ConditionTypes.Ready)!.Reason);
    }
}
