using ZeebeOperator.Core.Spec;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// Calls of one reconcile of a converged cluster, ours and the naive baseline's. Counted on a manual clock
/// without latency or throttling: the counts do not depend on either.
/// </summary>
internal static class CallBudgetScenario
{
    public static async Task<CallBudget> RunAsync(int nodes)
    {
        var (aws, operatorCore) = await ConvergedClusterAsync(nodes);
        using (operatorCore)
        {
            // One steady pass first: the pass that saw the cluster converge may still have listed tasks.
            await operatorCore.ConvergeAsync(FleetSpecs.Name(0));
            var mark = aws.Calls.Mark();
            await operatorCore.ConvergeAsync(FleetSpecs.Name(0));
            var ours = aws.Calls.Since(mark).Where(CallCounts.IsAws).ToList();

            mark = aws.Calls.Mark();
            await new NaiveRefresh(aws).RefreshAsync(FleetSpecs.Document(0, nodes), CancellationToken.None);
            var naive = aws.Calls.Since(mark).Where(CallCounts.IsAws).ToList();

            return new CallBudget(
                nodes,
                ours.Count(c => !c.Mutating),
                ours.Count(c => c.Mutating),
                naive.Count(c => !c.Mutating),
                ours.Where(c => !c.Mutating).GroupBy(c => c.Action).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
        }
    }

    /// <summary>The naive baseline's admitted calls per family for one refresh of a converged cluster.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> NaiveCallsByFamilyAsync(int nodes)
    {
        var (aws, operatorCore) = await ConvergedClusterAsync(nodes);
        using (operatorCore)
        {
            var mark = aws.Calls.Mark();
            await new NaiveRefresh(aws).RefreshAsync(FleetSpecs.Document(0, nodes), CancellationToken.None);
            return CallCounts.AdmittedByFamily(aws.Calls.Since(mark));
        }
    }

    /// <summary>A simulated account holding one converged cluster of <paramref name="nodes"/> nodes, and its operator.</summary>
    private static async Task<(SimulatedAws Aws, CoreOperator Operator)> ConvergedClusterAsync(int nodes)
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        var aws = new SimulatedAws(time, new SimulationOptions());
        aws.Specs.Put(SpecKeys.KeyFor(FleetSpecs.Name(0)), FleetSpecs.Json(0, nodes));
        var operatorCore = new CoreOperator(aws);
        try
        {
            await operatorCore.ConvergeAsync(FleetSpecs.Name(0), () =>
            {
                time.Advance(TimeSpan.FromSeconds(5));
                aws.Advance();
            });
            return (aws, operatorCore);
        }
        catch
        {
            operatorCore.Dispose();
            throw;
        }
    }
}
