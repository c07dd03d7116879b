using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>The signal that wakes the delivery loop when an event was written.</summary>
public sealed class NotificationSignalTests
{
    [Fact]
    public async Task A_raised_signal_ends_the_next_wait_at_once_and_is_taken_by_it()
    {
        var time = new ManualTimeProvider(OperatorHarness.Start);
        var signal = new NotificationSignal();
        Assert.False(signal.IsRaised);

        signal.Raise();
        Assert.True(signal.IsRaised);
        await signal.WaitAsync(TimeSpan.FromMinutes(1), time, CancellationToken.None);

        Assert.False(signal.IsRaised);
        var next = signal.WaitAsync(TimeSpan.FromMinutes(1), time, CancellationToken.None);
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));
        await next;
    }

    [Fact]
    public async Task A_cancelled_wait_throws()
    {
        var time = new ManualTimeProvider(OperatorHarness.Start);
        var signal = new NotificationSignal();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signal.WaitAsync(TimeSpan.FromMinutes(1), time, new CancellationToken(canceled: true)));
    }
}
