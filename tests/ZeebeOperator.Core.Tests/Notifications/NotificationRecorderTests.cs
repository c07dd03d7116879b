using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>Writing detected events to the outbox before the status is stored.</summary>
public sealed class NotificationRecorderTests
{
    private static readonly DateTimeOffset Now = OperatorHarness.Start;

    private readonly Mock<INotificationOutbox> _outbox = new();
    private readonly Mock<IFencingTokenSource> _fencing = new();
    private readonly NotificationSignal _signal = new();

    public NotificationRecorderTests()
    {
        _outbox.Setup(o => o.AddAsync(It.IsAny<ClusterNotification>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
    }

    private NotificationRecorder Recorder() => new(
        _outbox.Object, _fencing.Object, _signal, new ManualTimeProvider(Now), Options.Create(new NotifyOptions()), NullLogger<NotificationRecorder>.Instance);

    private static ClusterStatus Status(bool ready) => new(
        "orders",
        1,
        null,
        [new Condition(ConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False, "Reason", "", Now)],
        [],
        Now);

    [Fact]
    public async Task A_detected_event_is_written_and_wakes_the_delivery_loop()
    {
        await Recorder().RecordAsync(Status(false), Status(true), clusterOptedIn: true, CancellationToken.None);

        _outbox.Verify(o => o.AddAsync(It.Is<ClusterNotification>(n => n.Type == NotificationTypes.Ready), It.IsAny<CancellationToken>()), Times.Once);
        Assert.True(_signal.IsRaised);
    }

    [Fact]
    public async Task A_status_change_with_nothing_to_tell_does_not_wake_the_delivery_loop()
    {
        await Recorder().RecordAsync(Status(true), Status(true), clusterOptedIn: true, CancellationToken.None);

        _outbox.Verify(o => o.AddAsync(It.IsAny<ClusterNotification>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.False(_signal.IsRaised);
    }

    [Fact]
    public async Task A_deposed_leader_writes_no_event()
    {
        _fencing.Setup(f => f.EnsureCurrent(It.IsAny<long>())).Throws(new LeadershipLostException(1, "lease lost"));

        await Assert.ThrowsAsync<LeadershipLostException>(() => Recorder().RecordAsync(Status(false), Status(true), clusterOptedIn: true, CancellationToken.None));

        _outbox.Verify(o => o.AddAsync(It.IsAny<ClusterNotification>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
