using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Simulation.Events;
using ZeebeOperator.Simulation.Stores;

namespace ZeebeOperator.Host.Tests.Controller;

/// <summary>
/// Events in: the simulated ECS and S3 publish AWS's envelopes to the simulated queue; the consumer queues the clusters
/// they concern at once. Events are hints: losing, duplicating or reordering them changes when, never whether.
/// </summary>
public sealed class EventConsumerTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string> DeliveryProfiles => ["none", "lost", "duplicated", "reordered"];

    [Fact]
    public async Task With_events_a_spec_commit_is_reconciled_after_the_delivery_delay_not_at_the_next_spec_poll()
    {
        using var withEvents = new EventDrivenOperator(events: true);
        using var polling = new EventDrivenOperator(events: false);
        Assert.Equal(EventsOptions.SafetyNetSpecPollInterval, withEvents.Options.SpecPollInterval);
        Assert.Equal(EventsOptions.SafetyNetResyncInterval, withEvents.Options.ResyncInterval);
        withEvents.Aws.Events.Faults = new EventDeliveryFaults { Delay = TimeSpan.FromMilliseconds(500) };

        foreach (var loop in new[] { withEvents, polling })
        {
            await loop.StepAsync(Step);
            await loop.StepAsync(TimeSpan.FromSeconds(7));
            loop.Commit(EventDrivenOperator.Orders(1));
        }

        var committedAt = withEvents.Time.GetUtcNow();
        await withEvents.RunUntilAsync(() => withEvents.Reconciles.Count > 0, TimeSpan.FromMinutes(10), Step);
        await polling.RunUntilAsync(() => polling.Reconciles.Count > 0, TimeSpan.FromMinutes(10), Step);

        Assert.Equal(committedAt + TimeSpan.FromMilliseconds(500), withEvents.Reconciles[0].At);
        Assert.Equal(EventDrivenOperator.Start + Step + polling.Options.SpecPollInterval, polling.Reconciles[0].At);
    }

    [Theory]
    [MemberData(nameof(DeliveryProfiles))]
    public async Task Lost_duplicated_or_reordered_events_change_only_how_soon_a_scale_up_converges(string profile)
    {
        using var loop = await ConvergedOrdersAsync(settle: TimeSpan.FromMinutes(1));
        Assert.Equal(0, loop.Queue.DelayedCount);

        loop.Aws.Events.Faults = profile switch
        {
            "lost" => new EventDeliveryFaults { LossProbability = 1 },
            "duplicated" => new EventDeliveryFaults { DuplicateProbability = 1, Delay = TimeSpan.FromSeconds(1) },
            "reordered" => new EventDeliveryFaults { Jitter = TimeSpan.FromSeconds(30), Seed = 7 },
            _ => EventDeliveryFaults.None,
        };
        var committedAt = loop.Time.GetUtcNow();
        var firstAfter = loop.Reconciles.Count;
        loop.Commit(EventDrivenOperator.Orders(2, clusterSize: 5));

        var convergedAt = await loop.RunUntilAsync(() => loop.IsReady("orders", 2), TimeSpan.FromHours(2));

        Assert.True(convergedAt is not null, loop.Describe("orders"));
        var services = loop.Aws.Ecs.ListServices("zeebe").Where(s => s.Status == "ACTIVE").Select(s => s.ServiceName).Order(StringComparer.Ordinal);
        Assert.Equal(["orders-broker-0", "orders-broker-1", "orders-broker-2", "orders-broker-3", "orders-broker-4"], services);
        var reaction = loop.Reconciles[firstAfter].At - committedAt;
        if (profile == "lost")
        {
            // Only the safety net notices: the next spec poll.
            Assert.InRange(reaction, TimeSpan.FromSeconds(30), loop.Options.SpecPollInterval);
        }
        else
        {
            Assert.InRange(reaction, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task A_lost_task_event_is_made_up_for_by_the_resync()
    {
        // Settled past a spec poll: the listing knows the cluster, so only the resync can bring it back.
        using var loop = await ConvergedOrdersAsync(settle: EventsOptions.SafetyNetSpecPollInterval);

        // Out of band, a broker service is deleted: its tasks' events are lost.
        loop.Aws.Events.Faults = new EventDeliveryFaults { LossProbability = 1 };
        await loop.Aws.Ecs.DeleteServiceAsync("zeebe", "orders-broker-1", force: true, CancellationToken.None);
        var deletedAt = loop.Time.GetUtcNow();
        var seen = loop.Reconciles.Count;

        var repairedAt = await loop.RunUntilAsync(
            () => loop.Aws.Ecs.ListServices("zeebe").Any(s => s.ServiceName == "orders-broker-1" && s.Status == "ACTIVE"),
            TimeSpan.FromHours(2),
            TimeSpan.FromSeconds(5));

        Assert.NotNull(repairedAt);
        Assert.InRange(loop.Reconciles[seen].At - deletedAt, TimeSpan.FromMinutes(50), EventsOptions.SafetyNetResyncInterval);
    }

    [Fact]
    public async Task A_task_that_stops_queues_its_cluster_at_once()
    {
        using var loop = await ConvergedOrdersAsync(settle: TimeSpan.FromMinutes(1));
        var task = loop.Aws.Ecs.GetTasks("zeebe", "orders-broker-2").Single(t => t.LastStatus == "RUNNING");
        var seen = loop.Reconciles.Count;

        loop.Aws.Ecs.StopTask("zeebe", task.TaskArn, "Host EC2 instance terminated");
        var stoppedAt = loop.Time.GetUtcNow();
        await loop.StepAsync(Step);

        Assert.Equal(("orders", stoppedAt + Step), loop.Reconciles[seen]);
        Assert.True(loop.EventCount("ECS Task State Change", "enqueued") > 0);
    }

    [Fact]
    public async Task The_steady_state_ECS_repeats_queues_nothing_so_a_converged_cluster_costs_only_its_resyncs()
    {
        // Settled past a spec poll: the listing has seen the spec, so from now on only the resync has a reason to reconcile.
        using var loop = await ConvergedOrdersAsync(settle: EventsOptions.SafetyNetSpecPollInterval);
        var seen = loop.Reconciles.Count;

        await loop.RunUntilAsync(() => false, TimeSpan.FromHours(3), TimeSpan.FromSeconds(5));

        // Each of the three broker services repeated SERVICE_STEADY_STATE every hour; only the hourly resync reconciled.
        Assert.Equal(3, loop.Reconciles.Count - seen);
        Assert.True(loop.EventCount("ECS Service Action SERVICE_STEADY_STATE", "no_cluster") >= 6, $"{loop.EventCount("ECS Service Action SERVICE_STEADY_STATE", "no_cluster")} steady-state reports");
    }

    [Fact]
    public async Task Malformed_and_unknown_messages_are_deleted_and_counted_and_an_event_for_a_cluster_without_a_spec_queues_nothing()
    {
        using var loop = new EventDrivenOperator(events: true);
        await loop.StepAsync(Step);
        loop.Aws.Events.SendRaw("this is not JSON");
        loop.Aws.Events.SendRaw("""{"Records": 17}""");
        loop.Aws.Events.SendRaw("""{"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"123456789012","time":"2026-12-03T09:00:00Z","region":"us-east-1","resources":[],"detail":{"instance-id":"i-abcd1111","state":"pending"}}""");
        loop.Aws.Events.SendRaw(TaskStoppedIn("arn:aws:ecs:us-east-1:000000000000:cluster/zeebe", "service:ghost-broker-0"));
        loop.Aws.Events.SendRaw(TaskStoppedIn("arn:aws:ecs:us-east-1:000000000000:cluster/zeebe", "family:orders-broker-0"));
        loop.Aws.Events.SendRaw("""{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2026-12-03T09:00:00.000Z","eventName":"ObjectRemoved:Delete","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"zeebe-specs"},"object":{"key":"ghost.json","sequencer":"0055AED6DCD90281E5"}}}]}""");

        await loop.StepAsync(Step);

        Assert.Equal(0, loop.Aws.Events.Count);
        Assert.Empty(loop.Reconciles);
        Assert.Equal(2, loop.EventCount("malformed", "malformed"));
        Assert.Equal(1, loop.EventCount("unknown", "unknown"));
        Assert.Equal(2, loop.EventCount("ECS Task State Change", "no_cluster"));
        Assert.Equal(1, loop.EventCount("s3:ObjectRemoved:Delete", "no_cluster"));
    }

    [Fact]
    public async Task A_standby_takes_no_message_and_starts_consuming_once_it_leads()
    {
        using var loop = new EventDrivenOperator(events: true);
        var leases = new InMemoryLeaseStore();
        await leases.TryAcquireAsync(new LeaseAcquisition("zeebe-operator", "other", loop.Time.GetUtcNow(), TimeSpan.FromSeconds(15), null), default);
        var elector = new LeaderElector(leases, Options.Create(new LeaderElectionOptions { Identity = "standby" }), loop.Time, NullLogger<LeaderElector>.Instance);
        await elector.RunOnceAsync(default);
        using var consumer = loop.NewConsumer(elector);
        loop.Aws.Events.SendRaw("""{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-03T09:00:00.000Z","Bucket":"zeebe-specs"}""");

        await consumer.StartAsync(CancellationToken.None);
        await Task.Yield();

        Assert.False(elector.IsLeader);
        Assert.Equal(1, loop.Aws.Events.Count);
        Assert.DoesNotContain(loop.Aws.Calls.Snapshot(), c => c.Service == SimulatedEventQueue.Service);

        loop.Time.Advance(TimeSpan.FromSeconds(16));
        await elector.RunOnceAsync(default);
        using var deadline = new CancellationTokenSource(TestTimeout);
        while (loop.Aws.Events.Count > 0)
        {
            await Task.Delay(10, deadline.Token);
        }

        Assert.True(elector.IsLeader);
        Assert.Equal(1, loop.EventCount("s3:TestEvent", "no_cluster"));
        await consumer.StopAsync(CancellationToken.None).WaitAsync(TestTimeout);
    }

    /// <summary>A loop with events whose cluster <c>orders</c> converged at generation 1, then ran on for <paramref name="settle"/>.</summary>
    private static async Task<EventDrivenOperator> ConvergedOrdersAsync(TimeSpan settle)
    {
        var loop = new EventDrivenOperator(events: true);
        await loop.StepAsync(Step);
        loop.Commit(EventDrivenOperator.Orders(1));
        Assert.True(await loop.RunUntilAsync(() => loop.IsReady("orders", 1), TimeSpan.FromMinutes(10)) is not null, loop.Describe("orders"));
        await loop.RunUntilAsync(() => false, settle, TimeSpan.FromSeconds(5));
        return loop;
    }

    /// <summary>An <c>ECS Task State Change</c> as AWS's documented example has it, for a task of <paramref name="group"/>.</summary>
    private static string TaskStoppedIn(string clusterArn, string group) => $$$"""
        {"version":"0","id":"3317b2af-7005-947d-b652-f55e762e571a","detail-type":"ECS Task State Change","source":"aws.ecs","account":"000000000000","time":"2026-12-03T09:00:00Z","region":"us-east-1","resources":["arn:aws:ecs:us-east-1:000000000000:task/zeebe/b99d40b3517641f79a529dbd6f1cebef"],"detail":{"clusterArn":"{{{clusterArn}}}","taskArn":"arn:aws:ecs:us-east-1:000000000000:task/zeebe/b99d40b3517641f79a529dbd6f1cebef","group":"{{{group}}}","lastStatus":"STOPPED","desiredStatus":"STOPPED","stoppedReason":"Essential container in task exited"}}
        """;
}
