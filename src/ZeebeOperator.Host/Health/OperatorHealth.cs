using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Leadership;

namespace ZeebeOperator.Host.Health;

/// <summary>What <c>/healthz</c> and <c>/readyz</c> answer (as JSON).</summary>
internal sealed record OperatorHealthReport(
    string Status,
    string Reason,
    string Identity,
    string Role,
    bool Leader,
    long? FencingToken,
    string? LeaseHolder,
    DateTimeOffset? LastLeaseStoreContact,
    DateTimeOffset? LastElectionRound)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Healthy => Status == "ok";

    /// <summary>What to answer when a probe itself failed: unavailable, with nothing known about leadership.</summary>
    public static OperatorHealthReport Failed(string reason) => new("unavailable", reason, string.Empty, string.Empty, false, null, null, null, null);
}

/// <summary>
/// Liveness: the election loop has run within <see cref="LeaderElectionOptions.LeaseDuration"/> (it runs every retry
/// period; a loop that stopped means a wedged process that ECS should replace). Readiness: the host has started, and
/// this instance leads, or stands by and reached the lease store within the lease duration (it can take over).
/// </summary>
internal sealed class OperatorHealth(
    ILeadership leadership,
    IHostApplicationLifetime lifetime,
    IOptions<LeaderElectionOptions> election,
    TimeProvider time)
{
    public OperatorHealthReport Liveness()
    {
        var snapshot = leadership.Snapshot();
        var now = time.GetUtcNow();
        var limit = election.Value.LeaseDuration;
        return snapshot switch
        {
            { Role: LeadershipRole.Unelected } => Report(snapshot, true, "running without leader election"),
            { LastLoopRun: { } lastRun } when now - lastRun > limit =>
                Report(snapshot, false, $"the leader election loop has not run for {(now - lastRun).TotalSeconds:0} s (limit {limit.TotalSeconds:0} s)"),
            _ => Report(snapshot, true, "running"),
        };
    }

    public OperatorHealthReport Readiness()
    {
        var snapshot = leadership.Snapshot();
        var now = time.GetUtcNow();
        var limit = election.Value.LeaseDuration;
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Report(snapshot, false, "starting");
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Report(snapshot, false, "stopping");
        }

        return snapshot switch
        {
            { Role: LeadershipRole.Unelected } => Report(snapshot, true, "running without leader election"),
            { IsLeader: true } => Report(snapshot, true, "leader"),
            { Role: LeadershipRole.Standby, LastStoreContact: { } contact } when now - contact <= limit =>
                Report(snapshot, true, snapshot.Holder is { } holder ? $"standby; {holder} leads" : "standby; the lease is free"),
            { Role: LeadershipRole.Standby } => Report(snapshot, false, "standby, but the lease store has not answered within the lease duration"),
            _ => Report(snapshot, false, "leader election is not running"),
        };
    }

    private static OperatorHealthReport Report(LeadershipSnapshot snapshot, bool healthy, string reason) => new(
        healthy ? "ok" : "unavailable",
        reason,
        snapshot.Identity,
        snapshot.Role.ToString(),
        snapshot.IsLeader,
        snapshot.FencingToken,
        snapshot.Holder,
        snapshot.LastStoreContact,
        snapshot.LastLoopRun);
}
