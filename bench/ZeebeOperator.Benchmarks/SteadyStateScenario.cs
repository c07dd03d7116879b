using ZeebeOperator.Core.Events;
using ZeebeOperator.Simulation.Events;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// A converged cluster left alone for some simulated hours: the AWS reads (ECS, Cloud Map, EFS) it costs per hour with
/// events and the safety-net resync, and with polling only; then, with events, drift that sends no event (an access
/// point deleted out of band) and drift whose events are all lost (a broker's ECS service deleted): how long until the
/// operator's first call that repairs each.
/// </summary>
internal static class SteadyStateScenario
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Limit = TimeSpan.FromHours(3);
    private const int Nodes = 3;

    public static async Task<SteadyState> RunAsync(int hours)
    {
        var withEvents = await ReadsPerHourAsync(events: true, hours);
        var polling = await ReadsPerHourAsync(events: false, hours);
        var (noEvent, lostEvents) = await DriftRepairAsync();
        return new SteadyState(
            hours,
            withEvents.Reads,
            withEvents.Resync.TotalMinutes,
            withEvents.Listings + IdleLongPollsPerHour,
            polling.Reads,
            polling.Resync.TotalMinutes,
            polling.Listings,
            noEvent,
            lostEvents,
            EventsOptions.SafetyNetResyncInterval.TotalMinutes);
    }

    /// <summary>
    /// ReceiveMessage calls per hour of an idle queue: each long poll returns empty after the wait time. Computed, not
    /// counted: the stepped loop takes events once per step instead of long-polling.
    /// </summary>
    private static double IdleLongPollsPerHour => TimeSpan.FromHours(1) / TimeSpan.FromSeconds(new EventsOptions().WaitTimeSeconds);

    /// <returns>Per hour: AWS reads of the cluster (ECS, Cloud Map, EFS), and S3 reads (the spec listings, which do not grow with clusters, and each reconcile's read of its spec).</returns>
    private static async Task<(double Reads, double Listings, TimeSpan Resync)> ReadsPerHourAsync(bool events, int hours)
    {
        using var loop = await ConvergedAsync(events);
        loop.Aws.Calls.Reset();
        await loop.RunUntilAsync(() => false, TimeSpan.FromHours(hours), Step);
        var calls = loop.Aws.Calls.Snapshot();
        var reads = calls.Count(c => !c.Mutating && CallCounts.IsAws(c));
        var listings = calls.Count(c => !c.Mutating && c.Service == AwsServices.S3);
        return (Math.Round((double)reads / hours, 1), Math.Round((double)listings / hours, 1), loop.Options.ResyncInterval);
    }

    /// <returns>Minutes from each drift to the first repairing call.</returns>
    private static async Task<(double NoEvent, double LostEvents)> DriftRepairAsync()
    {
        using var loop = await ConvergedAsync(events: true);
        var cluster = FleetSpecs.Name(0);
        var document = FleetSpecs.Document(0, Nodes);

        var accessPoint = (await loop.Aws.Efs.DescribeAccessPointsAsync(document.Spec.Storage.FileSystemId, CancellationToken.None))[0];
        await loop.Aws.Efs.DeleteAccessPointAsync(accessPoint.AccessPointId, CancellationToken.None);
        var noEvent = await MinutesToRepairAsync(loop);

        loop.Aws.Events.Faults = new EventDeliveryFaults { LossProbability = 1 };
        await loop.Aws.Ecs.DeleteServiceAsync(FleetSpecs.EcsCluster, $"{cluster}-broker-1", force: true, CancellationToken.None);
        var lostEvents = await MinutesToRepairAsync(loop);
        return (noEvent, lostEvents);
    }

    private static async Task<double> MinutesToRepairAsync(SteppedLoop loop)
    {
        var mark = loop.Aws.Calls.Mark();
        var from = loop.Now;
        _ = await loop.RunUntilAsync(() => loop.FirstMutationSince(mark) is not null, Limit, Step)
            ?? throw new InvalidOperationException($"Drift not repaired within {Limit}.");
        var minutes = Math.Round((loop.FirstMutationSince(mark)!.Timestamp - from).TotalMinutes, 1);
        await loop.RunUntilAsync(() => loop.IsReady(FleetSpecs.Name(0), 1) && loop.Idle, Limit, Step);
        return minutes;
    }

    private static async Task<SteppedLoop> ConvergedAsync(bool events)
    {
        var loop = new SteppedLoop(events, ReactionScenario.EventDelay);
        loop.Commit(FleetSpecs.Document(0, Nodes));
        _ = await loop.RunUntilAsync(() => loop.IsReady(FleetSpecs.Name(0), 1) && loop.Idle, Limit, Step)
            ?? throw new InvalidOperationException("The cluster did not converge.");

        // Past the first resync: the pass after a restart lists tasks and describes task definitions once.
        await loop.RunUntilAsync(() => false, loop.Options.ResyncInterval, Step);
        return loop;
    }
}
