using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Notifications;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>Subscriber tasks told about a cluster's changes: what a team running next to Zeebe sees arrive.</summary>
public sealed partial class NotificationScenarioTests : IDisposable
{
    private const string EcsCluster = "camunda";
    private const string Listener = "orders-listener";

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly OperatorHarness _operator;
    private bool _committed;

    public NotificationScenarioTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions());
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2));
    }

    public void Dispose() => _operator.Dispose();

    private SimulatedSubscribers Subscribers => _aws.Subscribers;

    [Fact]
    public async Task A_cluster_that_becomes_ready_is_announced_to_every_subscriber_task_with_the_contract_body()
    {
        var tasks = await DeployListenerAsync(2);
        await ConvergeAsync();

        await DeliverAsync(_operator);

        var ready = Assert.Single(_aws.Outbox.All);
        Assert.Equal(NotificationTypes.Ready, ready.Type);
        Assert.True(_aws.Outbox.IsCompleted(ready.EventId));
        var status = (await _operator.StatusAsync())!;
        foreach (var task in tasks)
        {
            var received = Assert.Single(Subscribers.ReceivedBy(task.Endpoint));
            Assert.Equal(ready.EventId, received.IdempotencyKey);
            Assert.Equal("orders", received.Notification.Cluster);
            Assert.Equal(status.ObservedGeneration, received.Notification.Generation);
            Assert.Equal(status.Nodes.Select(n => (n.NodeId, n.DnsName, n.Address!)), received.Notification.Brokers.Select(b => (b.NodeId, b.DnsName, b.Address)));
        }

        var audit = _aws.Audit.All.Where(r => r.Action == NotificationDelivery.AuditAction).ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, r => Assert.Equal(AuditPhase.Succeeded, r.Phase));
    }

    [Fact]
    public async Task Reconciling_again_after_a_crash_before_the_status_write_writes_no_second_event()
    {
        await DeployListenerAsync(1);
        _operator.Commit(TestSpecs.Orders(clusterSize: 3));
        _committed = true;
        using (var dying = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2), configure: s => s.AddImplementation<IClusterStatusStore>(new DiesBeforeStoringReady(_aws.Status))))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => dying.ConvergeAsync());
        }

        var written = Assert.Single(_aws.Outbox.All);
        Assert.False((await _operator.StatusAsync())?.IsReady ?? false);

        await _operator.ConvergeAsync();

        Assert.True((await _operator.StatusAsync())!.IsReady);
        Assert.Equal(written, Assert.Single(_aws.Outbox.All));
    }

    [Fact]
    public async Task An_event_written_by_an_operator_killed_before_delivering_is_delivered_after_the_restart()
    {
        var tasks = await DeployListenerAsync(2);
        await ConvergeAsync();
        Assert.Empty(Subscribers.All);
        _operator.Dispose();

        using var restarted = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2));
        await DeliverAsync(restarted);
        var ready = Assert.Single(_aws.Outbox.All);
        Assert.False(_aws.Outbox.IsCompleted(ready.EventId), "completed before the restarted operator knew where the subscribers run");
        await restarted.ReconcileAsync();
        await DeliverAsync(restarted);

        Assert.All(tasks, t => Assert.Equal(ready.EventId, Assert.Single(Subscribers.ReceivedBy(t.Endpoint)).IdempotencyKey));
    }

    [Fact]
    public async Task A_subscriber_answering_4xx_is_not_asked_again_and_its_failure_is_audited()
    {
        var tasks = await DeployListenerAsync(2);
        await ConvergeAsync();
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.Reject);
        var delivery = _operator.Services.GetRequiredService<NotificationDelivery>();

        var nextRetry = await delivery.DeliverDueAsync(0, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));
        await delivery.DeliverDueAsync(0, CancellationToken.None);

        Assert.Null(nextRetry);
        Assert.Equal(2, Subscribers.Attempts);
        Assert.True(_aws.Outbox.IsCompleted(_aws.Outbox.All[0].EventId));
        var failed = Assert.Single(_aws.Audit.All, r => r.Action == NotificationDelivery.AuditAction && r.Phase == AuditPhase.Failed);
        Assert.Contains(tasks[0].TaskArn, failed.Resource, StringComparison.Ordinal);
        Assert.Contains("HTTP 400", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscriber_answering_5xx_or_refusing_connections_gets_the_event_once_it_recovers()
    {
        var tasks = await DeployListenerAsync(3);
        await ConvergeAsync();
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.ServerError, until: _time.GetUtcNow() + TimeSpan.FromSeconds(20));
        Subscribers.Set(tasks[1].Endpoint, SubscriberBehaviour.Refuse, until: _time.GetUtcNow() + TimeSpan.FromSeconds(20));
        var delivery = _operator.Services.GetRequiredService<NotificationDelivery>();

        var nextRetry = await delivery.DeliverDueAsync(0, CancellationToken.None);
        Assert.NotNull(nextRetry);
        Assert.Single(Subscribers.ReceivedBy(tasks[2].Endpoint));
        Assert.Empty(Subscribers.ReceivedBy(tasks[0].Endpoint));
        await DeliverAsync(_operator, TimeSpan.FromMinutes(5));

        Assert.All(tasks, t => Assert.Single(Subscribers.ReceivedBy(t.Endpoint)));
        Assert.True(Subscribers.Attempts > 4, $"{Subscribers.Attempts} attempts");
        Assert.True(_aws.Outbox.IsCompleted(_aws.Outbox.All[0].EventId));
    }

    [Fact]
    public async Task A_subscriber_that_times_out_is_tried_again_after_the_request_timeout()
    {
        var tasks = await DeployListenerAsync(1);
        await ConvergeAsync();
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.Hang);
        var delivery = _operator.Services.GetRequiredService<NotificationDelivery>();

        await delivery.DeliverDueAsync(0, CancellationToken.None);
        var attempt = delivery.WhenIdleAsync();
        await WaitUntilAsync(() => Subscribers.Attempts == 1);
        Assert.False(attempt.IsCompleted);
        _time.Advance(new NotifyOptions().RequestTimeout);
        await attempt;
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.Accept);
        await DeliverAsync(_operator, TimeSpan.FromMinutes(5));

        Assert.Single(Subscribers.ReceivedBy(tasks[0].Endpoint));
        Assert.Contains(_aws.Audit.All, r => r.Action == NotificationDelivery.AuditAction && r.Detail!.Contains("after 2 attempt(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Healthy_tasks_get_an_event_written_while_another_task_hangs_without_waiting_for_its_timeout()
    {
        var tasks = await DeployListenerAsync(3);
        await ConvergeAsync();
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.Hang);
        var delivery = _operator.Services.GetRequiredService<NotificationDelivery>();

        var first = delivery.DeliverDueAsync(0, CancellationToken.None);
        await WaitUntilAsync(() => first.IsCompleted);
        var replaced = await WriteEventAsync(NotificationTypes.BrokerReplaced);
        await delivery.DeliverDueAsync(0, CancellationToken.None);

        var writtenAt = _time.GetUtcNow();
        Assert.All(tasks.Skip(1), t => Assert.Equal(writtenAt, Assert.Single(Subscribers.ReceivedBy(t.Endpoint), r => r.IdempotencyKey == replaced.EventId).At));
        Assert.Empty(Subscribers.ReceivedBy(tasks[0].Endpoint));
        Assert.Equal(3 + 2, Subscribers.Attempts);
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.Accept);
        _time.Advance(new NotifyOptions().RequestTimeout);
        await DeliverAsync(_operator, TimeSpan.FromMinutes(5));
        Assert.Equal(2, Subscribers.ReceivedBy(tasks[0].Endpoint).Count);
        Assert.All(_aws.Outbox.All, e => Assert.True(_aws.Outbox.IsCompleted(e.EventId)));
    }

    [Fact]
    public async Task A_subscriber_down_for_ten_minutes_gets_the_event_once_it_recovers()
    {
        var tasks = await DeployListenerAsync(2);
        await ConvergeAsync();
        var recovers = _time.GetUtcNow() + TimeSpan.FromMinutes(10);
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.Refuse, until: recovers);

        await DeliverAsync(_operator, TimeSpan.FromMinutes(30));

        var received = Assert.Single(Subscribers.ReceivedBy(tasks[0].Endpoint));
        Assert.InRange(received.At, recovers, recovers + new NotifyOptions().MaxBackoff);
        Assert.True(_aws.Outbox.IsCompleted(_aws.Outbox.All[0].EventId));
        Assert.DoesNotContain(_aws.Audit.All, r => r.Action == NotificationDelivery.AuditAction && r.Phase == AuditPhase.Failed);
    }

    [Fact]
    public async Task A_subscriber_failing_for_longer_than_the_give_up_budget_is_given_up_on_and_audited()
    {
        var tasks = await DeployListenerAsync(2);
        await ConvergeAsync();
        var start = _time.GetUtcNow();
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.ServerError);

        await DeliverAsync(_operator, TimeSpan.FromHours(3));

        var failed = Assert.Single(_aws.Audit.All, r => r.Action == NotificationDelivery.AuditAction && r.Phase == AuditPhase.Failed);
        Assert.Contains("HTTP 500", failed.Detail, StringComparison.Ordinal);
        Assert.InRange(failed.Timestamp, start + new NotifyOptions().GiveUpAfter, start + new NotifyOptions().GiveUpAfter + TimeSpan.FromSeconds(1));
        Assert.True(_aws.Outbox.IsCompleted(_aws.Outbox.All[0].EventId));
    }

    [Fact]
    public async Task A_failing_task_that_stops_running_is_not_waited_for()
    {
        var tasks = await DeployListenerAsync(2);
        await ConvergeAsync();
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.Refuse);
        await DeliverAsync(_operator, TimeSpan.FromSeconds(5));
        Assert.False(_aws.Outbox.IsCompleted(_aws.Outbox.All[0].EventId));

        Assert.True(_aws.Ecs.StopTask(EcsCluster, tasks[0].TaskArn));
        _aws.Advance();
        await DeliverAsync(_operator, TimeSpan.FromMinutes(2));

        Assert.True(_aws.Outbox.IsCompleted(_aws.Outbox.All[0].EventId));
        Assert.Single(Subscribers.ReceivedBy(tasks[1].Endpoint));
    }

    [Fact]
    public async Task A_restarted_operator_continues_a_failing_tasks_backoff_and_attempt_count()
    {
        var tasks = await DeployListenerAsync(1);
        await ConvergeAsync();
        var recovers = _time.GetUtcNow() + TimeSpan.FromMinutes(3);
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.Refuse, until: recovers);
        await DeliverAsync(_operator, TimeSpan.FromSeconds(30));
        var attemptsBefore = Subscribers.Attempts;
        Assert.True(attemptsBefore > 3, $"{attemptsBefore} attempts");
        _operator.Dispose();

        using var restarted = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2));
        await restarted.ReconcileAsync();
        await restarted.Services.GetRequiredService<NotificationDelivery>().DeliverDueAsync(0, CancellationToken.None);
        Assert.Equal(attemptsBefore, Subscribers.Attempts);
        await DeliverAsync(restarted, TimeSpan.FromMinutes(10));

        Assert.Single(Subscribers.ReceivedBy(tasks[0].Endpoint));
        var delivered = Assert.Single(_aws.Audit.All, r => r.Action == NotificationDelivery.AuditAction);
        Assert.Contains($"after {Subscribers.Attempts} attempt(s)", delivered.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_handover_during_delivery_the_old_leader_stops_and_the_new_one_delivers()
    {
        var tasks = await DeployListenerAsync(2);
        await ConvergeAsync();
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.Hang);
        var oldLeader = new SwitchableFencing(1);
        using var old = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2), fencing: oldLeader);
        using var termLost = new CancellationTokenSource();
        await old.ReconcileAsync();

        var oldDelivery = old.Services.GetRequiredService<NotificationDelivery>();
        await oldDelivery.DeliverDueAsync(1, termLost.Token);
        await WaitUntilAsync(() => Subscribers.Attempts == 2);
        oldLeader.Depose();
        await termLost.CancelAsync();
        await oldDelivery.WhenIdleAsync();
        Subscribers.Set(tasks[0].Endpoint, SubscriberBehaviour.Accept);
        var attemptsOfTheOldLeader = Subscribers.Attempts;
        await Assert.ThrowsAsync<LeadershipLostException>(() => oldDelivery.DeliverDueAsync(1, CancellationToken.None));
        Assert.Equal(attemptsOfTheOldLeader, Subscribers.Attempts);

        using var successor = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2), fencing: new SwitchableFencing(2));
        await successor.ReconcileAsync();
        await successor.Services.GetRequiredService<NotificationDelivery>().DeliverDueAsync(2, CancellationToken.None);
        await successor.Services.GetRequiredService<NotificationDelivery>().WhenIdleAsync();

        Assert.Single(Subscribers.ReceivedBy(tasks[0].Endpoint));
        Assert.NotEmpty(Subscribers.ReceivedBy(tasks[1].Endpoint));
        Assert.True(_aws.Outbox.IsCompleted(_aws.Outbox.All[0].EventId));
        Assert.True(Subscribers.Attempts > attemptsOfTheOldLeader);
        Assert.All(_aws.Audit.All.Where(r => r.Action == NotificationDelivery.AuditAction && r.Resource.Contains(tasks[0].TaskArn, StringComparison.Ordinal)), r => Assert.Equal(2, r.FencingToken));
    }

    [Fact]
    public async Task A_replaced_broker_and_a_deleted_cluster_are_announced()
    {
        var tasks = await DeployListenerAsync(1);
        await ConvergeAsync();
        var before = (await _operator.StatusAsync())!.Nodes.Single(n => n.NodeId == 1);

        Assert.True(_aws.Ecs.StopTask(EcsCluster, before.RunningTaskArn!));
        await ConvergeAsync();
        _operator.Commit(TestSpecs.Orders(clusterSize: 3) with { Metadata = TestSpecs.Orders(clusterSize: 3).Metadata with { Generation = 2, DeletionRequested = true } });
        await ConvergeAsync();
        await DeliverAsync(_operator);

        var types = Subscribers.ReceivedBy(tasks[0].Endpoint).Select(r => r.Notification.Type).ToList();
        Assert.Contains(NotificationTypes.BrokerReplaced, types);
        Assert.Equal(NotificationTypes.Deleted, types[^1]);
        var replaced = Subscribers.ReceivedBy(tasks[0].Endpoint).First(r => r.Notification.Type == NotificationTypes.BrokerReplaced).Notification;
        Assert.NotEqual(before.Address, replaced.Brokers.Single(b => b.NodeId == 1).Address);
        var ids = Subscribers.ReceivedBy(tasks[0].Endpoint).Select(r => r.IdempotencyKey).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_cluster_opted_out_with_spec_notify_enabled_false_sends_nothing()
    {
        var tasks = await DeployListenerAsync(2);
        _operator.Commit(WithNotify(new NotifySpec(Enabled: false, EcsClusters: [])));
        _committed = true;
        await ConvergeAsync();

        await DeliverAsync(_operator);

        Assert.True((await _operator.StatusAsync())!.IsReady);
        Assert.Empty(_aws.Outbox.All);
        Assert.All(tasks, t => Assert.Empty(Subscribers.ReceivedBy(t.Endpoint)));
        Assert.Equal(0, Subscribers.Attempts);
    }

    [Fact]
    public async Task A_subscriber_in_an_ecs_cluster_named_in_spec_notify_is_told_too()
    {
        var own = await DeployListenerAsync(1);
        var gateways = await DeployListenerAsync(2, ecsCluster: "gateways", service: "gateway-listener");
        _operator.Commit(WithNotify(new NotifySpec(Enabled: true, EcsClusters: ["arn:aws:ecs:eu-west-1:123456789012:cluster/gateways"])));
        _committed = true;
        await ConvergeAsync();

        await DeliverAsync(_operator);

        var ready = Assert.Single(_aws.Outbox.All);
        Assert.All(own.Concat(gateways), t => Assert.Equal(ready.EventId, Assert.Single(Subscribers.ReceivedBy(t.Endpoint)).IdempotencyKey));
        Assert.True(_aws.Outbox.IsCompleted(ready.EventId));
    }

    private static ZeebeClusterDocument WithNotify(NotifySpec notify)
    {
        var document = TestSpecs.Orders(clusterSize: 3);
        return document with { Spec = document.Spec with { Notify = notify } };
    }

    private async Task<IReadOnlyList<SubscriberTask>> DeployListenerAsync(int count, string ecsCluster = EcsCluster, string service = Listener)
    {
        await SubscriberServices.DeployAsync(_aws.Ecs, ecsCluster, service, count);
        for (var i = 0; i < 30 && _aws.Ecs.GetTasks(ecsCluster, service).Count(t => t.LastStatus == EcsTaskStatus.Running) < count; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            _aws.Advance();
        }

        return [.. _aws.Ecs.GetTasks(ecsCluster, service).Where(t => t.LastStatus == EcsTaskStatus.Running)
            .Select(t => new SubscriberTask(ecsCluster, service, t.TaskArn, t.PrivateIpv4Address!, SubscriberServices.DefaultPort, SubscriberServices.DefaultPath))];
    }

    private async Task ConvergeAsync()
    {
        if (!_committed)
        {
            _operator.Commit(TestSpecs.Orders(clusterSize: 3));
            _committed = true;
        }

        await _operator.ConvergeAsync();
    }

    /// <summary>Delivery passes, the clock moved to each next retry, until nothing waits for one.</summary>
    private async Task DeliverAsync(OperatorHarness harness, TimeSpan? within = null)
    {
        var delivery = harness.Services.GetRequiredService<NotificationDelivery>();
        var until = _time.GetUtcNow() + (within ?? TimeSpan.Zero);
        while (await PassAsync(delivery) is { } next && _time.GetUtcNow() < until)
        {
            _time.Advance(next > _time.GetUtcNow() ? next - _time.GetUtcNow() : TimeSpan.FromMilliseconds(1));
        }
    }

    /// <summary>One pass as the host's loop makes it once the attempts in flight ended (they schedule their retries).</summary>
    private static async Task<DateTimeOffset?> PassAsync(NotificationDelivery delivery)
    {
        await delivery.WhenIdleAsync();
        var next = await delivery.DeliverDueAsync(0, CancellationToken.None);
        await delivery.WhenIdleAsync();
        return next;
    }

    private async Task<ClusterNotification> WriteEventAsync(string type)
    {
        var notification = new ClusterNotification(ClusterNotification.IdOf("orders", 1, type, "test"), type, "orders", 1, _time.GetUtcNow(), [new NotifiedBroker(0, "orders-broker-0.zeebe.internal", "10.0.1.5")]);
        Assert.True(await _aws.Outbox.AddAsync(notification, CancellationToken.None));
        return notification;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Yield();
            await Task.Delay(1);
        }

        Assert.True(condition());
    }

    /// <summary>The operator dying just before it stores the status that says Ready.</summary>
    private sealed class DiesBeforeStoringReady(IClusterStatusStore inner) : IClusterStatusStore
    {
        public Task<ClusterStatus?> GetAsync(string clusterName, CancellationToken cancellationToken) => inner.GetAsync(clusterName, cancellationToken);

        public Task<IReadOnlyList<ClusterStatus>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task<StatusWriteResult> PutAsync(ClusterStatus status, LeaseFence? fence, CancellationToken cancellationToken) =>
            status.IsReady ? throw new InvalidOperationException("killed") : inner.PutAsync(status, fence, cancellationToken);
    }

    private sealed class SwitchableFencing(long token) : IFencingTokenSource
    {
        private volatile bool _deposed;

        public long CurrentToken => token;

        public void Depose() => _deposed = true;

        public void EnsureCurrent(long current)
        {
            if (_deposed || current != token)
            {
                throw new LeadershipLostException(current, "deposed");
            }
        }

        public LeaseFence? FenceFor(long current) => null;
    }
}
