using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Events;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Simulation;

/// <summary>The simulated events queue is as strict as SQS: visibility timeout, receipt handles, parameter limits.</summary>
public sealed class SimulatedEventQueueTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_message_not_deleted_comes_back_after_the_visibility_timeout_and_only_its_latest_handle_deletes_it()
    {
        var queue = new SimulatedAws(_time).Events;
        queue.SendRaw("hello");

        var first = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.Zero, default));
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.Zero, default));
        _time.Advance(SimulatedEventQueue.VisibilityTimeout);
        var again = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.Zero, default));

        Assert.Equal((first.MessageId, "hello"), (again.MessageId, again.Body));
        var stale = await Assert.ThrowsAsync<AwsApiException>(() => queue.DeleteAsync(first.ReceiptHandle, default));
        Assert.Equal("ReceiptHandleIsInvalid", stale.ErrorCode);
        await queue.DeleteAsync(again.ReceiptHandle, default);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_long_poll_returns_as_soon_as_a_delayed_message_becomes_visible()
    {
        var queue = new SimulatedAws(_time).Events;
        queue.Enabled = true;
        queue.Faults = new EventDeliveryFaults { Delay = TimeSpan.FromSeconds(3) };
        queue.Publish("late");

        var receiving = queue.ReceiveAsync(1, TimeSpan.FromSeconds(20), default);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(receiving.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("late", Assert.Single(await receiving.WaitAsync(TimeSpan.FromSeconds(10))).Body);
    }

    [Fact]
    public async Task A_queue_no_rule_targets_collects_nothing_and_receive_parameters_have_SQS_limits()
    {
        var queue = new SimulatedAws(_time).Events;
        queue.Publish("nobody listens");

        Assert.Equal(0, queue.Count);
        Assert.Equal("InvalidParameterValue", (await Assert.ThrowsAsync<AwsApiException>(() => queue.ReceiveAsync(11, TimeSpan.Zero, default))).ErrorCode);
        Assert.Equal("InvalidParameterValue", (await Assert.ThrowsAsync<AwsApiException>(() => queue.ReceiveAsync(1, TimeSpan.FromSeconds(21), default))).ErrorCode);
    }
}
