using ZeebeOperator.Core.Spec;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Throttling;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// A new cluster from an empty account, in real time: every call (stores included) takes the configured latency
/// and AWS's default quotas apply. Tasks and brokers start and Cloud Map operations complete at once, so the time is the operator's calls and work;
/// passes run back to back (no requeue wait). The critical path is measured on a one-node cluster: its sequential
/// rounds of calls × latency; more nodes add no dependent calls, only concurrent ones.
/// </summary>
internal static class ConvergenceScenario
{
    public static SimulationOptions Account(TimeSpan latency, ApiThrottleLimits limits) => new()
    {
        TaskStartDelay = TimeSpan.Zero,
        TaskStopDelay = TimeSpan.Zero,
        DiscoveryOperationDelay = TimeSpan.Zero,
        Zeebe = new SimulatedZeebeOptions { StartupDuration = TimeSpan.Zero, ChangeDuration = TimeSpan.Zero },
        Faults = new FaultOptions(Latency: latency, Throttle: limits),
    };

    public static async Task<int> CriticalPathRoundsAsync(TimeSpan latency)
    {
        var (aws, _, _, _) = await ConvergeAsync(1, latency);
        return CallCounts.SequentialRounds(aws.Calls.Snapshot(), latency);
    }

    public static async Task<Convergence> RunAsync(int nodes, TimeSpan latency, int criticalPathRounds)
    {
        var (aws, wall, cpu, passes) = await ConvergeAsync(nodes, latency);
        var criticalPath = criticalPathRounds * latency;
        return new Convergence(
            nodes,
            Math.Round(wall.TotalMilliseconds, 1),
            Math.Round(cpu.TotalMilliseconds, 1),
            passes,
            aws.Calls.Total,
            criticalPathRounds,
            Math.Round(criticalPath.TotalMilliseconds, 1),
            Math.Round(wall / criticalPath, 2));
    }

    private static async Task<(SimulatedAws Aws, TimeSpan Wall, TimeSpan Cpu, int Passes)> ConvergeAsync(int nodes, TimeSpan latency)
    {
        var aws = new SimulatedAws(TimeProvider.System, Account(latency, ApiThrottleLimits.Aws));
        aws.Specs.Put(SpecKeys.KeyFor(FleetSpecs.Name(0)), FleetSpecs.Json(0, nodes));
        using var operatorCore = new CoreOperator(aws);
        aws.Calls.Reset();
        var cpuBefore = Cpu.Now();
        var started = TimeProvider.System.GetTimestamp();
        var passes = await operatorCore.ConvergeAsync(FleetSpecs.Name(0));
        return (aws, TimeProvider.System.GetElapsedTime(started), Cpu.Now() - cpuBefore, passes);
    }
}
