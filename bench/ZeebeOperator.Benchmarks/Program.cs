using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using ZeebeOperator.Benchmarks;
using ZeebeOperator.Core;
using ZeebeOperator.Simulation.Throttling;

BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkSettings.Usage);
    return 2;
}

var defaults = new OperatorOptions();
var fleetLimits = ApiThrottleLimits.Aws.Scaled(settings.RateScale);
var machine = new Machine(Environment.ProcessorCount, CpuModel(), RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription);
Console.WriteLine($"Machine: {machine.Cores} cores, {machine.Cpu}, {machine.Runtime}");
Console.WriteLine($"Latency per call {settings.Latency.TotalMilliseconds} ms (convergence), {settings.FleetLatency.TotalMilliseconds} ms (fleet); fleet quotas AWS defaults x{settings.RateScale}");

var budgets = new List<CallBudget>();
foreach (var nodes in settings.BudgetSizes)
{
    budgets.Add(await CallBudgetScenario.RunAsync(nodes));
}

Print("Calls per reconcile of a converged cluster (ECS, Cloud Map, EFS)", ["nodes", "reads", "mutating", "naive reads", "our reads by operation"],
    budgets.Select(b => new[] { $"{b.Nodes}", $"{b.Reads}", $"{b.Mutations}", $"{b.NaiveReads}", string.Join(", ", b.ReadsByOperation.Select(kv => $"{kv.Key} {kv.Value}")) }));

var rounds = await ConvergenceScenario.CriticalPathRoundsAsync(settings.Latency);
var convergence = new List<Convergence>();
foreach (var nodes in settings.ConvergeSizes)
{
    convergence.Add(await ConvergenceScenario.RunAsync(nodes, settings.Latency, rounds));
}

Print("Converging a new cluster from an empty account", ["nodes", "wall ms", "CPU ms", "passes", "calls", "critical path", "wall / critical path"],
    convergence.Select(c => new[] { $"{c.Nodes}", F(c.WallMs), F(c.CpuMs), $"{c.Passes}", $"{c.Calls}", $"{c.CriticalPathRounds} x {settings.Latency.TotalMilliseconds} ms = {F(c.CriticalPathMs)} ms", F(c.Ratio) }));

var naivePerCluster = await CallBudgetScenario.NaiveCallsByFamilyAsync(settings.BrokersPerCluster);
var fleet = await new FleetScenario(settings, fleetLimits).RunAsync(naivePerCluster);
Print($"Fleet: {fleet.Clusters} clusters x {fleet.BrokersPerCluster} brokers on the operator's host", ["pass", "wall s", "throttle bound s", "wall / bound", "CPU s", "peak WS MB", "peak heap MB", "throttled calls", "failed reconciles"],
    new[] { fleet.Restart, fleet.Periodic }.Select(r => new[] { r.Kind, F(r.WallSeconds), $"{F(r.ThrottleBoundSeconds)} ({r.BoundingFamily})", F(r.Ratio), F(r.CpuSeconds), F(r.PeakWorkingSetMb), F(r.PeakManagedHeapMb), $"{r.ThrottledCalls}", $"{r.FailedReconciles + r.ReconcilesThatThrew}" }));
Console.WriteLine($"  admitted calls, periodic resync: {string.Join(", ", fleet.Periodic.AdmittedCallsByFamily.Select(kv => $"{kv.Key} {kv.Value}"))}");
Console.WriteLine($"  naive per-resource refresh, same resync: throttle bound {F(fleet.NaiveProjectedBoundSeconds)} s ({fleet.NaiveBoundingFamily}), projected from its calls per cluster");
Console.WriteLine($"  start-up to first reconcile: {F(fleet.StartupToFirstReconcileMs)} ms; idle with {fleet.Clusters} clusters known: operator {F(fleet.IdleOperatorHeapMb)} MB managed heap, process working set {F(fleet.IdleProcessWorkingSetMb)} MB (simulation included)");

var reactions = await ReactionScenario.RunAsync(settings.Trials, seed: 1);
Print($"Reaction: change to the first repairing AWS call, simulated time ({settings.Trials} trials each, events delivered after {F(ReactionScenario.EventDelay.TotalSeconds)} s, {F(ReactionScenario.Step.TotalMilliseconds)} ms resolution)", ["trigger", "mode", "p50 s", "p99 s", "max s", "first repairing call"],
    reactions.Select(r => new[] { r.Trigger, r.Mode, F(r.P50Seconds), F(r.P99Seconds), F(r.MaxSeconds), string.Join(", ", r.FirstActions) }));

var steady = await SteadyStateScenario.RunAsync(settings.Hours);
Print($"Steady state: one converged 3-broker cluster for {steady.Hours} simulated hours", ["mode", "resync", "AWS reads per cluster-hour (ECS, Cloud Map, EFS)", "S3 and SQS reads per hour"],
    [
        ["events + safety-net resync", $"{F(steady.ResyncMinutesWithEvents)} min", F(steady.ReadsPerHourWithEvents), $"{F(steady.OperatorReadsPerHourWithEvents)} (spec listings, one spec read per reconcile, and idle SQS long polls: 1 per wait time)"],
        ["polling only", $"{F(steady.ResyncMinutesPolling)} min", F(steady.ReadsPerHourPolling), $"{F(steady.OperatorReadsPerHourPolling)} (spec listings, one spec read per reconcile)"],
    ]);
Console.WriteLine($"  drift with events: an access point deleted out of band (no event) repaired after {F(steady.NoEventRepairMinutes)} min; a broker service deleted with its events lost, after {F(steady.LostEventsRepairMinutes)} min (safety-net resync {F(steady.SafetyNetResyncMinutes)} min)");

var fanout = await FanoutScenario.RunAsync(seed: 1);
Print($"Notification fan-out: {fanout.Tasks} subscriber tasks, {fanout.Events} events {F(fanout.EventIntervalSeconds)} s apart, each POST {F(fanout.PostLatencyMs)} ms, {fanout.MaxParallelDeliveries} in parallel (simulated time)", ["tasks", "events received", "write to receipt p50 s", "p99 s", "max s", "every event by"],
    [
        [$"{fanout.Tasks - fanout.Failing.Count} healthy", $"{fanout.HealthyReceipts} of {(fanout.Tasks - fanout.Failing.Count) * fanout.Events}", F(fanout.HealthyP50Seconds), F(fanout.HealthyP99Seconds), F(fanout.HealthyMaxSeconds), $"goal {F(FanoutScenario.Goal.TotalSeconds)} s after each write"],
        .. fanout.Failing.Select(f => new[] { $"1 that {f.Behaviour} until {F(f.RecoveredAtSeconds)} s", $"{f.EventsReceived} of {fanout.Events}", "-", "-", "-", $"{F(f.LastReceiptSeconds)} s ({F(f.AfterRecoverySeconds)} s after it recovered)" }),
    ]);
Console.WriteLine($"  every task got every event: {(fanout.EveryTaskGotEveryEvent ? "yes" : "no")} ({fanout.Duplicates} duplicate receipts, by event id; {fanout.Posts} POSTs in all)");

var upToTen = budgets.Where(b => b.Nodes <= 10).ToList();
List<Target> targets =
[
    new("steady state: no mutating call", "0 mutating calls", string.Join(", ", budgets.Select(b => $"{b.Nodes} nodes: {b.Mutations}")), budgets.All(b => b.Mutations == 0)),
    new("steady state: reads do not grow per node up to 10", "same reads for 1..10 nodes", string.Join(", ", upToTen.Select(b => $"{b.Nodes}: {b.Reads}")), upToTen.Select(b => b.Reads).Distinct().Count() == 1),
    new("convergence from empty", "<= 1.3 x critical path", string.Join(", ", convergence.Select(c => $"{c.Nodes} nodes: {F(c.Ratio)} x")), convergence.All(c => c.Ratio <= 1.3)),
    new("fleet resync", "<= 1.2 x throttle bound, no throttling error as a failed reconcile", $"{(double.IsNaN(fleet.Periodic.Ratio) ? "all calls within the bursts (no bound)" : F(fleet.Periodic.Ratio) + " x")}, {fleet.Periodic.FailedReconciles + fleet.Periodic.ReconcilesThatThrew} failed ({fleet.Periodic.ThrottledCalls} calls throttled and retried)", (double.IsNaN(fleet.Periodic.Ratio) || fleet.Periodic.Ratio <= 1.2) && fleet.Periodic.FailedReconciles + fleet.Periodic.ReconcilesThatThrew == 0),
    .. reactions.Where(r => r.Mode == "events").Select(r => new Target($"reaction to a {r.Trigger}, with events", "p99 <= 2 s", $"p50 {F(r.P50Seconds)} s, p99 {F(r.P99Seconds)} s (polling only: p99 {F(reactions.Single(p => p.Trigger == r.Trigger && p != r).P99Seconds)} s)", r.P99Seconds <= 2)),
    new("steady-state reads with events", ">= 10 x fewer than polling only", $"{F(steady.ReadsPerHourWithEvents)} vs {F(steady.ReadsPerHourPolling)} per cluster-hour: {F(steady.Ratio)} x", steady.Ratio >= 10),
    new("drift that sends no event, with events", $"repaired within the {F(steady.SafetyNetResyncMinutes)} min resync", $"{F(steady.NoEventRepairMinutes)} min (no event), {F(steady.LostEventsRepairMinutes)} min (events lost)", Math.Max(steady.NoEventRepairMinutes, steady.LostEventsRepairMinutes) <= steady.SafetyNetResyncMinutes),
    new("notification fan-out to healthy tasks, beside a hanging one", $"p99 within {F(FanoutScenario.Goal.TotalSeconds)} s", $"p50 {F(fanout.HealthyP50Seconds)} s, p99 {F(fanout.HealthyP99Seconds)} s, max {F(fanout.HealthyMaxSeconds)} s over {fanout.Tasks - fanout.Failing.Count} tasks x {fanout.Events} events", fanout.HealthyReceipts == (fanout.Tasks - fanout.Failing.Count) * fanout.Events && fanout.HealthyP99Seconds <= FanoutScenario.Goal.TotalSeconds),
    new("notification fan-out: every task, failing ones once recovered", "every event at least once (by id)", $"{(fanout.EveryTaskGotEveryEvent ? "yes" : "no")}; failing tasks done {string.Join(", ", fanout.Failing.Select(f => $"{F(f.AfterRecoverySeconds)} s"))} after recovering", fanout.EveryTaskGotEveryEvent),
    new("idle memory", "< 100 MB with 1,000 clusters known", $"{F(fleet.IdleOperatorHeapMb)} MB operator heap, {F(fleet.IdleProcessWorkingSetMb)} MB process", fleet.IdleOperatorHeapMb < 100),
];
Print("Targets", ["target", "goal", "measured", "met"], targets.Select(t => new[] { t.Name, t.Goal, t.Measured, t.Met ? "yes" : "NO" }));

var report = new BenchmarkReport(
    machine,
    new Settings(
        settings.Latency.TotalMilliseconds,
        settings.FleetLatency.TotalMilliseconds,
        settings.RateScale,
        ApiThrottleLimits.Aws.All.ToDictionary(f => f.Family, f => f.Rate.ToString(), StringComparer.Ordinal),
        fleetLimits.All.ToDictionary(f => f.Family, f => f.Rate.ToString(), StringComparer.Ordinal),
        defaults.MaxConcurrentReconciles,
        defaults.NodeParallelism),
    budgets,
    convergence,
    fleet,
    reactions,
    steady,
    fanout,
    targets);
if (settings.JsonPath is { } path)
{
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
    Console.WriteLine($"Figures written to {path}");
}

return targets.All(t => t.Met) ? 0 : 1;

static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

static string CpuModel()
{
    const string cpuInfo = "/proc/cpuinfo";
    var line = File.Exists(cpuInfo) ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
    return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
}

static void Print(string title, string[] header, IEnumerable<string[]> rows)
{
    var all = new[] { header }.Concat(rows).ToList();
    var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
    string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
    Console.WriteLine();
    Console.WriteLine(title);
    Console.WriteLine(Line(header));
    Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
    foreach (var row in all.Skip(1))
    {
        Console.WriteLine(Line(row));
    }
}
