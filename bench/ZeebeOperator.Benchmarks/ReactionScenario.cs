using ZeebeOperator.Core;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// Reaction time: from a spec commit, or from a broker task stopping, to the operator's first mutating AWS call that
/// repairs it, in simulated time, over many trials, with events (delivered after <see cref="EventDelay"/>) and with
/// polling only, each with the host's default timings. Every trial waits a random part of the polling period first,
/// so the commit or the stop falls anywhere between two spec polls or resyncs.
/// </summary>
internal static class ReactionScenario
{
    public static readonly TimeSpan EventDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The resolution of the figures: the loop's step.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan Limit = TimeSpan.FromHours(2);

    public static async Task<IReadOnlyList<Reaction>> RunAsync(int trials, int seed)
    {
        var reactions = new List<Reaction>();
        foreach (var events in new[] { true, false })
        {
            reactions.Add(await MeasureAsync("spec commit", events, trials, seed, SpecCommit));
            reactions.Add(await MeasureAsync("broker task stopped", events, trials, seed, TaskStop));
        }

        return reactions;
    }

    /// <param name="act">Makes trial n's change; returns the generation the cluster converges to afterwards.</param>
    private static async Task<Reaction> MeasureAsync(string trigger, bool events, int trials, int seed, Func<SteppedLoop, int, long> act)
    {
        var random = new Random(seed);
        using var loop = await ConvergedAsync(events);
        var samples = new List<double>(trials);
        var actions = new HashSet<string>(StringComparer.Ordinal);
        var polling = new OperatorOptions();
        for (var trial = 1; trial <= trials; trial++)
        {
            // Anywhere within the polling period: where the last poll or resync was does not matter with events.
            var period = trigger == "spec commit" ? polling.SpecPollInterval : polling.ResyncInterval;
            await loop.RunUntilAsync(() => false, period * random.NextDouble(), Step);
            loop.Aws.Calls.Reset();
            var generation = act(loop, trial);
            var mark = loop.Aws.Calls.Mark();
            var from = loop.Now;
            _ = await loop.RunUntilAsync(() => loop.FirstMutationSince(mark) is not null, Limit, Step)
                ?? throw new InvalidOperationException($"{trigger} (events {events}), trial {trial}: no corrective call within {Limit}.");
            var first = loop.FirstMutationSince(mark)!;
            samples.Add((first.Timestamp - from).TotalSeconds);
            actions.Add(first.Action);
            await SettleAsync(loop, generation);
        }

        return new Reaction(trigger, events ? "events" : "polling only", trials, Percentile(samples, 0.5), Percentile(samples, 0.99), samples.Max(), [.. actions.Order(StringComparer.Ordinal)]);
    }

    /// <summary>A label change: the operator tags the cluster's resources at once, nothing restarts.</summary>
    private static long SpecCommit(SteppedLoop loop, int trial)
    {
        loop.Commit(Document(trial + 1));
        return trial + 1;
    }

    private static long TaskStop(SteppedLoop loop, int trial)
    {
        var broker = $"{FleetSpecs.Name(0)}-broker-{trial % Nodes}";
        var task = loop.Aws.Ecs.GetTasks(FleetSpecs.EcsCluster, broker).First(t => t.LastStatus == "RUNNING");
        loop.Aws.Ecs.StopTask(FleetSpecs.EcsCluster, task.TaskArn, "Host EC2 instance terminated");
        return 1;
    }

    private const int Nodes = 3;

    private static ZeebeClusterDocument Document(long generation)
    {
        var document = FleetSpecs.Document(0, Nodes);
        return document with { Metadata = document.Metadata with { Generation = generation, Labels = new Dictionary<string, string> { ["team"] = "bench", ["trial"] = $"{generation}" } } };
    }

    private static async Task<SteppedLoop> ConvergedAsync(bool events)
    {
        var loop = new SteppedLoop(events, EventDelay);
        try
        {
            loop.Commit(Document(1));
            await SettleAsync(loop, 1);
            return loop;
        }
        catch
        {
            loop.Dispose();
            throw;
        }
    }

    /// <summary>Steps until the cluster is Ready at <paramref name="generation"/>, every broker runs, and the loop is idle.</summary>
    private static async Task SettleAsync(SteppedLoop loop, long generation)
    {
        _ = await loop.RunUntilAsync(() => loop.IsReady(FleetSpecs.Name(0), generation) && loop.Idle && AllBrokersRun(loop), Limit, TimeSpan.FromSeconds(1))
            ?? throw new InvalidOperationException($"{FleetSpecs.Name(0)} did not settle within {Limit}.");
    }

    private static bool AllBrokersRun(SteppedLoop loop) => Enumerable.Range(0, Nodes)
        .All(n => loop.Aws.Ecs.GetTasks(FleetSpecs.EcsCluster, $"{FleetSpecs.Name(0)}-broker-{n}").Count(t => t.LastStatus == "RUNNING") == 1);

    private static double Percentile(List<double> samples, double p)
    {
        var sorted = samples.Order().ToList();
        return Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 2);
    }
}
