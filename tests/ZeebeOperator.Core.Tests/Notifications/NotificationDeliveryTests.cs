using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>The delivery engine against hand-driven ports: terms ending, outcomes not recorded, completion failing.</summary>
public sealed class NotificationDeliveryTests
{
    private static readonly DateTimeOffset Now = OperatorHarness.Start;
    private static readonly SubscriberTask TaskA = new("ecs", "orders-app", "arn:task/a", "10.0.0.1", 8080, "/notify");
    private static readonly ClusterNotification Event = new("orders-1-ready-0001", NotificationTypes.Ready, "orders", 1, Now, []);

    private readonly ManualTimeProvider _time = new(Now);
    private readonly Mock<INotificationOutbox> _outbox = new();
    private readonly Mock<ISubscriberDirectory> _directory = new();
    private readonly Mock<ISubscriberTransport> _transport = new();
    private readonly Mock<IAuditLog> _audit = new();
    private readonly Mock<IFencingTokenSource> _fencing = new();
    private readonly SubscriberScopes _scopes = new();
    private readonly NotificationSignal _signal = new();
    private readonly RecordingLogger<NotificationDelivery> _logger = new();
    private readonly NotifyOptions _options = new();
    private IReadOnlyList<OutboxEntry> _pending = [];

    public NotificationDeliveryTests()
    {
        _scopes.Record("orders", ["ecs"]);
        _outbox.Setup(o => o.PendingAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => _pending);
        _directory.Setup(d => d.SubscribersAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([TaskA]);
        Answer(DeliveryOutcome.Delivered);
    }

    private void Answer(DeliveryOutcome outcome) =>
        _transport.Setup(t => t.SendAsync(It.IsAny<SubscriberTask>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryAttempt(outcome, outcome.ToString()));

    private void Pending(params string[] done) =>
        _pending = [new OutboxEntry(Event, new HashSet<string>(done, StringComparer.Ordinal), new Dictionary<string, DeliveryRetry>(StringComparer.Ordinal))];

    private NotificationDelivery Delivery(OperatorMetrics? metrics = null) => new(
        _outbox.Object, _directory.Object, _scopes, _transport.Object, _audit.Object, _fencing.Object, _signal, _time,
        Options.Create(_options), _logger, metrics, new FixedRandom(0.5));

    private void VerifyPosts(int times) =>
        _transport.Verify(t => t.SendAsync(It.IsAny<SubscriberTask>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(times));

    private void VerifyCompletions(int times) => _outbox.Verify(o => o.CompleteAsync(Event.EventId, It.IsAny<CancellationToken>()), Times.Exactly(times));

    [Fact]
    public async Task A_failed_attempt_is_retried_after_the_jittered_backoff_and_wakes_the_delivery_loop()
    {
        Pending();
        Answer(DeliveryOutcome.Failed);
        using var provider = new ServiceCollection().AddOperatorMetrics().BuildServiceProvider();
        using var metrics = new MetricRecorder(provider);

        var nextDue = await Delivery(provider.GetRequiredService<OperatorMetrics>()).DeliverDueAsync(1, CancellationToken.None);

        Assert.Equal(Now + (_options.BaseBackoff / 2), nextDue);
        Assert.True(_signal.IsRaised);
        _outbox.Verify(o => o.RecordRetryAsync(Event.EventId, TaskA.Key, It.Is<DeliveryRetry>(r => r.Attempts == 1), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(1, metrics.Sum("zeebe_operator.notifications", ("outcome", "retried")));
    }

    [Theory]
    [InlineData(DeliveryOutcome.Delivered, "delivered", 910, LogLevel.Information)]
    [InlineData(DeliveryOutcome.Rejected, "rejected", 912, LogLevel.Warning)]
    public async Task A_final_outcome_is_counted_and_logged_as_what_it_was(DeliveryOutcome outcome, string counted, int eventId, LogLevel level)
    {
        Pending();
        Answer(outcome);
        using var provider = new ServiceCollection().AddOperatorMetrics().BuildServiceProvider();
        using var metrics = new MetricRecorder(provider);

        await Delivery(provider.GetRequiredService<OperatorMetrics>()).DeliverDueAsync(1, CancellationToken.None);

        Assert.Equal(1, metrics.Sum("zeebe_operator.notifications", ("outcome", counted)));
        Assert.Equal(1, metrics.Sum("zeebe_operator.notifications"));
        var entry = Assert.Single(_logger.Entries, e => e.EventId is 910 or 912);
        Assert.Equal((level, eventId), (entry.Level, entry.EventId));
        VerifyCompletions(1);
    }

    [Fact]
    public async Task Subscribers_are_not_looked_up_while_no_event_can_be_delivered()
    {
        var delivery = Delivery();
        await delivery.DeliverDueAsync(1, CancellationToken.None);

        _pending = [new OutboxEntry(Event with { Cluster = "unread-spec" }, new HashSet<string>(), new Dictionary<string, DeliveryRetry>())];
        await delivery.DeliverDueAsync(1, CancellationToken.None);

        _directory.Verify(d => d.SubscribersAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_cancelled_term_makes_no_attempt_and_leaves_it_to_the_next_term()
    {
        Pending();
        var delivery = Delivery();

        await delivery.DeliverDueAsync(1, new CancellationToken(canceled: true));
        await delivery.WhenIdleAsync();
        VerifyPosts(0);
        Assert.Equal(0, delivery.AttemptsInFlight);

        await delivery.DeliverDueAsync(2, CancellationToken.None);
        await delivery.WhenIdleAsync();
        VerifyPosts(1);
        VerifyCompletions(1);
        Assert.Equal(0, delivery.AttemptsInFlight);
    }

    [Fact]
    public async Task A_leader_deposed_before_an_attempt_does_not_make_it()
    {
        Pending();
        _fencing.SetupSequence(f => f.EnsureCurrent(1)).Pass().Throws(new LeadershipLostException(1, "lease lost"));
        var delivery = Delivery();

        await delivery.DeliverDueAsync(1, CancellationToken.None);

        await Assert.ThrowsAsync<LeadershipLostException>(delivery.WhenIdleAsync);
        VerifyPosts(0);
    }

    [Fact]
    public async Task A_leader_deposed_before_completing_an_event_does_not_complete_it()
    {
        Pending(TaskA.Key);
        _fencing.SetupSequence(f => f.EnsureCurrent(1)).Pass().Throws(new LeadershipLostException(1, "lease lost"));

        await Assert.ThrowsAsync<LeadershipLostException>(() => Delivery().DeliverDueAsync(1, CancellationToken.None));

        VerifyCompletions(0);
    }

    [Fact]
    public async Task An_event_whose_completion_failed_is_completed_by_the_next_pass()
    {
        Pending(TaskA.Key);
        _outbox.SetupSequence(o => o.CompleteAsync(Event.EventId, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AwsApiException("dynamodb", "UpdateItem", AwsErrorKind.ServiceUnavailable, "InternalServerError", "try again"))
            .Returns(Task.CompletedTask);
        var delivery = Delivery();

        await Assert.ThrowsAsync<AwsApiException>(() => delivery.DeliverDueAsync(1, CancellationToken.None));
        await delivery.DeliverDueAsync(1, CancellationToken.None);

        VerifyCompletions(2);
    }

    [Fact]
    public async Task An_event_still_listed_after_its_completion_is_completed_again_rather_than_left_pending()
    {
        Pending(TaskA.Key);
        var delivery = Delivery();

        await delivery.DeliverDueAsync(1, CancellationToken.None);
        await delivery.DeliverDueAsync(1, CancellationToken.None);

        VerifyCompletions(2);
    }

    [Fact]
    public async Task An_outcome_that_could_not_be_recorded_is_attempted_again_after_the_base_backoff()
    {
        Pending();
        var calls = 0;
        _outbox.Setup(o => o.MarkDoneAsync(Event.EventId, TaskA.Key, It.IsAny<CancellationToken>()))
            .Returns(() => ++calls == 1
                ? Task.FromException(new AwsApiException("dynamodb", "UpdateItem", AwsErrorKind.ServiceUnavailable, "InternalServerError", "try again"))
                : Task.CompletedTask);
        var delivery = Delivery();

        Assert.Equal(Now + _options.BaseBackoff, await delivery.DeliverDueAsync(1, CancellationToken.None));
        VerifyPosts(1);

        _time.Advance(_options.BaseBackoff);
        await delivery.DeliverDueAsync(1, CancellationToken.None);
        await delivery.WhenIdleAsync();

        VerifyPosts(2);
        VerifyCompletions(1);
    }

    [Fact]
    public async Task An_attempt_whose_recording_is_cut_short_by_the_end_of_the_term_is_made_at_once_by_the_next_term()
    {
        Pending();
        using var term = new CancellationTokenSource();
        var calls = 0;
        _outbox.Setup(o => o.MarkDoneAsync(Event.EventId, TaskA.Key, It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                if (++calls > 1)
                {
                    return Task.CompletedTask;
                }

                term.Cancel();
                return Task.FromCanceled(term.Token);
            });
        var delivery = Delivery();

        await delivery.DeliverDueAsync(1, term.Token);
        await delivery.WhenIdleAsync();
        await delivery.DeliverDueAsync(2, CancellationToken.None);
        await delivery.WhenIdleAsync();

        VerifyPosts(2);
        VerifyCompletions(1);
    }

    [Fact]
    public async Task A_post_that_times_out_as_the_term_ends_is_not_counted_as_a_failure()
    {
        Pending();
        using var term = new CancellationTokenSource();
        _transport.Setup(t => t.SendAsync(It.IsAny<SubscriberTask>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns<SubscriberTask, string, string, CancellationToken>((_, _, _, token) =>
            {
                term.Cancel();
                _time.Advance(_options.RequestTimeout);
                return Task.FromCanceled<DeliveryAttempt>(token);
            });
        var delivery = Delivery();

        await delivery.DeliverDueAsync(1, term.Token);
        await delivery.WhenIdleAsync();

        _outbox.Verify(o => o.RecordRetryAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DeliveryRetry>(), It.IsAny<CancellationToken>()), Times.Never);
        _outbox.Verify(o => o.MarkDoneAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(0, delivery.AttemptsInFlight);
    }

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
