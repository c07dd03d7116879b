using System.Globalization;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Host.Cli;

/// <summary>What <c>--wait</c> waits for: the cluster Ready at a generation, or its teardown done.</summary>
internal enum WaitGoal
{
    Ready,
    Deleted,
}

internal enum WaitResult
{
    Done,
    Degraded,
    TimedOut,
}

/// <summary>
/// One cluster to wait for: done once its status reports <paramref name="Generation"/> (or later) and the goal:
/// Ready and no longer Progressing, or the teardown finished.
/// </summary>
internal sealed record WaitTarget(string Cluster, long Generation, WaitGoal Goal);

internal sealed record WaitOutcome(string Cluster, long Generation, WaitResult Result, string Message);

/// <summary>
/// Follows the status store until every target is done, one is Degraded at its generation, or the timeout passes;
/// prints a progress line whenever what a cluster reports changes.
/// </summary>
internal sealed class StatusWaiter(IClusterStatusStore statusStore, TimeProvider time, TimeSpan refresh, TextWriter progress)
{
    public async Task<IReadOnlyList<WaitOutcome>> WaitAsync(IReadOnlyList<WaitTarget> targets, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var outcomes = new Dictionary<string, WaitOutcome>(StringComparer.Ordinal);
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(refresh, time);
        do
        {
            foreach (var target in targets.Where(t => !outcomes.ContainsKey(t.Cluster)))
            {
                var status = await statusStore.GetAsync(target.Cluster, cancellationToken);
                var (result, message) = Assess(target, status);
                if (!shown.TryGetValue(target.Cluster, out var last) || last != message)
                {
                    var elapsed = time.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
                    progress.WriteLine($"[{elapsed,5} s] {target.Cluster}: {message}");
                    shown[target.Cluster] = message;
                }

                if (result is { } finished)
                {
                    outcomes[target.Cluster] = new WaitOutcome(target.Cluster, target.Generation, finished, message);
                }
            }

            if (outcomes.Count == targets.Count)
            {
                break;
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                foreach (var target in targets.Where(t => !outcomes.ContainsKey(t.Cluster)))
                {
                    outcomes[target.Cluster] = new WaitOutcome(target.Cluster, target.Generation, WaitResult.TimedOut,
                        $"not done within {timeout}: {shown.GetValueOrDefault(target.Cluster, "no status")}");
                }

                break;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));

        return [.. targets.Select(t => outcomes[t.Cluster])];
    }

    /// <summary>Null result: still going; the message says how far.</summary>
    internal static (WaitResult? Result, string Message) Assess(WaitTarget target, ClusterStatus? status)
    {
        if (status is null)
        {
            return (null, $"waiting for the operator to pick up generation {target.Generation} (no status yet)");
        }

        if (status.ObservedGeneration < target.Generation)
        {
            return (null, $"waiting for the operator to pick up generation {target.Generation} (it last acted on {status.ObservedGeneration})");
        }

        var ready = status.Find(ConditionTypes.Ready);
        var progressing = status.Find(ConditionTypes.Progressing);
        var generation = $"generation {status.ObservedGeneration}";
        if (status.Find(ConditionTypes.Degraded) is { Status: ConditionStatus.True } degraded)
        {
            return (WaitResult.Degraded, $"{generation}: Degraded ({degraded.Reason}): {degraded.Message}");
        }

        var done = target.Goal switch
        {
            // Ready alone is not enough: brokers can all be ready while a rolling restart still has nodes to go.
            WaitGoal.Ready => status.IsReady && progressing?.Status != ConditionStatus.True,
            _ => ready?.Reason == "Deleted" && progressing?.Status != ConditionStatus.True,
        };
        if (done)
        {
            return (WaitResult.Done, target.Goal == WaitGoal.Ready
                ? $"{generation}: Ready, {status.Nodes.Count(n => n.Ready)}/{status.Nodes.Count} brokers ready"
                : $"{generation}: deleted: {progressing?.Message ?? ready?.Message}");
        }

        var why = progressing is { Status: ConditionStatus.True, Message.Length: > 0 } ? progressing.Message : ready?.Message ?? "no conditions yet";
        return (null, $"{generation}: {ready?.Reason ?? "NotReady"}: {why}");
    }
}
