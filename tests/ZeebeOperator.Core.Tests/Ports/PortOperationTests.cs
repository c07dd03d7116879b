using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Tests.Ports;

/// <summary>
/// What a port method's description tells the audit trail and the dry-run guard: whether a call changes anything,
/// and what it acts on.
/// </summary>
public sealed class PortOperationTests
{
    private static readonly Uri Broker = new("http://orders-broker-0.zeebe.internal:9600");

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_dry_run_of_a_mutating_call_changes_nothing(bool dryRun, bool mutates)
    {
        var scale = Operation<IZeebeClusterApi>(nameof(IZeebeClusterApi.ScalePartitionsAsync));

        Assert.Equal(mutates, scale.MutatesWith([Broker, new PartitionScaling(6, 3), dryRun, CancellationToken.None]));
    }

    [Fact]
    public void A_dry_run_flag_in_first_place_counts_too() =>
        Assert.False(Operation<ISamplePort>(nameof(ISamplePort.PreviewAsync)).MutatesWith([true, CancellationToken.None]));

    [Fact]
    public void A_flag_not_marked_as_dry_run_does_not_make_a_call_harmless() =>
        Assert.True(Operation<ISamplePort>(nameof(ISamplePort.ForceAsync)).MutatesWith([true, CancellationToken.None]));

    [Fact]
    public void A_reading_call_never_mutates() =>
        Assert.False(Operation<IZeebeClusterApi>(nameof(IZeebeClusterApi.GetTopologyAsync)).MutatesWith([Broker, CancellationToken.None]));

    [Fact]
    public void A_target_that_is_a_value_is_shown_as_text() =>
        Assert.Equal(
            new PartitionScaling(6, 3).ToString(),
            Operation<IZeebeClusterApi>(nameof(IZeebeClusterApi.ScalePartitionsAsync)).TargetOf([Broker, new PartitionScaling(6, 3), false, CancellationToken.None]));

    [Fact]
    public void A_method_without_a_target_acts_on_nothing_named() =>
        Assert.Equal(string.Empty, Operation<ISamplePort>(nameof(ISamplePort.ForceAsync)).TargetOf([true, CancellationToken.None]));

    [Theory]
    [InlineData(nameof(ISamplePort.Count))]
    [InlineData(nameof(ISamplePort.CountLaterAsync))]
    public void A_port_method_that_is_not_a_task_is_refused_at_once(string method) =>
        Assert.Throws<InvalidOperationException>(() => Operation<ISamplePort>(method));

    private static PortOperation Operation<TPort>(string method) => PortOperation.Of(typeof(TPort).GetMethod(method)!);

    private interface ISamplePort
    {
        [ZeebeOperation("Preview", Mutates = true)]
        Task PreviewAsync([DryRun] bool dryRun, CancellationToken cancellationToken);

        [ZeebeOperation("Force", Mutates = true)]
        Task ForceAsync(bool force, CancellationToken cancellationToken);

        [ZeebeOperation("Count")]
        int Count();

        [ZeebeOperation("CountLater")]
        ValueTask<int> CountLaterAsync();
    }
}
