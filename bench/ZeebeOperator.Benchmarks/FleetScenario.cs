using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Throttling;

namespace ZeebeOperator.Benchmarks;

/// <summary>
/// A fleet of converged clusters and the operator's real host (spec watcher, work queue, reconcile workers) on it:
/// start-up to the first reconcile, the restart's pass over every cluster, a periodic resync of every cluster
/// (what the resync job does: every known cluster queued at once), and the idle memory afterwards.
/// </summary>
internal sealed class FleetScenario(BenchmarkSettings settings, ApiThrottleLimits limits)
{
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromMinutes(10);
    private static readonly OperatorOptions Defaults = new();

    public async Task<Fleet> RunAsync(IReadOnlyDictionary<string, long> naivePerCluster)
    {
        var aws = new SimulatedAws(TimeProvider.System, ConvergenceScenario.Account(TimeSpan.Zero, limits) with { Faults = FaultOptions.None });
        var seeding = TimeProvider.System.GetTimestamp();
        await SeedAsync(aws);
        Console.WriteLine($"Seeded {settings.Clusters} converged clusters in {TimeProvider.System.GetElapsedTime(seeding).TotalSeconds:0.0} s (not measured: no latency, no quotas)");
        var faults = new FaultOptions(Latency: settings.FleetLatency, Throttle: limits);
        aws.Faults.Configure(faults);
        aws.Calls.Reset();
        Collect();
        var heapWithoutOperator = GC.GetTotalMemory(forceFullCollection: true);

        var probe = new ReconcileProbe();
        var startup = TimeProvider.System.GetTimestamp();
        var host = OperatorHost.Build(new HostRequest(Local: true, SpecsDirectory: null, WithController: true), new Dictionary<string, string?>
        {
            ["Operator:ResyncInterval"] = "01:00:00",
            ["Operator:SpecPollInterval"] = "00:10:00",
            ["Logging:LogLevel:Default"] = "Error",

            // The fleet measures the resync by polling; the local default of consuming the simulated events queue is off.
            ["Events:QueueUrl"] = "",

            // Time runs RateScale times faster in the fleet phases: the operator's throttling backoff with it.
            ["Operator:ThrottleRetryBaseDelay"] = Scaled(Defaults.ThrottleRetryBaseDelay),
            ["Operator:ThrottleRetryMaxDelay"] = Scaled(Defaults.ThrottleRetryMaxDelay),
        },
        (zeebeOperator, _) => UseFleet(zeebeOperator.Services, aws, probe));
        Resync restart;
        Resync periodic;
        double heapWithOperator;
        double workingSet;
        var toFirst = TimeSpan.Zero;
        {
            var cpuBefore = Cpu.Now();
            var throttledBefore = aws.Faults.ThrottledCalls;
            await using (var sampler = new MemorySampler())
            {
                await host.StartAsync();
                await probe.FirstCompleted.WaitAsync(PhaseTimeout);
                toFirst = TimeProvider.System.GetElapsedTime(startup);
                var queue = host.Services.GetRequiredService<WorkQueue>();
                await UntilConvergedAsync(probe, queue);
                restart = Summarise("restart (cold caches)", TimeProvider.System.GetElapsedTime(startup), aws, probe, sampler, cpuBefore, throttledBefore);
            }

            var workQueue = host.Services.GetRequiredService<WorkQueue>();
            aws.Faults.Configure(faults);
            aws.Calls.Reset();
            probe.Reset();
            cpuBefore = Cpu.Now();
            throttledBefore = aws.Faults.ThrottledCalls;
            await using (var sampler = new MemorySampler())
            {
                var started = TimeProvider.System.GetTimestamp();
                for (var i = 0; i < settings.Clusters; i++)
                {
                    workQueue.Add(FleetSpecs.Name(i));
                }

                await UntilConvergedAsync(probe, workQueue);
                periodic = Summarise("periodic resync", TimeProvider.System.GetElapsedTime(started), aws, probe, sampler, cpuBefore, throttledBefore);
            }

            aws.Calls.Reset();
            Collect();
            heapWithOperator = GC.GetTotalMemory(forceFullCollection: true);
            workingSet = MemorySampler.Mb(Environment.WorkingSet);
        }

        await host.StopAsync();
        host.Dispose();

        var naiveAdmitted = naivePerCluster.ToDictionary(kv => kv.Key, kv => kv.Value * settings.Clusters, StringComparer.Ordinal);
        var (naiveBound, naiveFamily) = CallCounts.ThrottleBound(naiveAdmitted, limits);
        GC.KeepAlive(aws);
        return new Fleet(
            settings.Clusters,
            settings.BrokersPerCluster,
            Math.Round(toFirst.TotalMilliseconds, 1),
            restart,
            periodic,
            Math.Round(naiveBound, 1),
            naiveFamily,
            MemorySampler.Mb((long)(heapWithOperator - heapWithoutOperator)),
            workingSet);
    }

    /// <summary>Converges every cluster with a throwaway operator, without latency or throttling.</summary>
    private async Task SeedAsync(SimulatedAws aws)
    {
        for (var i = 0; i < settings.Clusters; i++)
        {
            aws.Specs.Put(SpecKeys.KeyFor(FleetSpecs.Name(i)), FleetSpecs.Json(i, settings.BrokersPerCluster));
        }

        using var seeder = new CoreOperator(aws);
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Clusters), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, _) =>
            await seeder.ConvergeAsync(FleetSpecs.Name(i)));
    }

    private Resync Summarise(string kind, TimeSpan wall, SimulatedAws aws, ReconcileProbe probe, MemorySampler sampler, TimeSpan cpuBefore, long throttledBefore)
    {
        var admitted = CallCounts.AdmittedByFamily(aws.Calls.Snapshot());
        var (bound, family) = CallCounts.ThrottleBound(admitted, limits);
        return new Resync(
            kind,
            Math.Round(wall.TotalSeconds, 2),
            Math.Round(bound, 2),
            family,
            bound > 0 ? Math.Round(wall.TotalSeconds / bound, 2) : double.NaN,
            Math.Round((Cpu.Now() - cpuBefore).TotalSeconds, 2),
            sampler.PeakWorkingSetMb,
            sampler.PeakHeapMb,
            admitted,
            aws.Faults.ThrottledCalls - throttledBefore,
            probe.Failed,
            probe.Threw);
    }

    private async Task UntilConvergedAsync(ReconcileProbe probe, WorkQueue queue)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (probe.ConvergedClusters < settings.Clusters || queue.Count + queue.ProcessingCount + queue.DelayedCount > 0)
        {
            if (TimeProvider.System.GetElapsedTime(deadline) > PhaseTimeout)
            {
                throw new TimeoutException($"{probe.ConvergedClusters} of {settings.Clusters} clusters converged within {PhaseTimeout}.");
            }

            await Task.Delay(10);
        }
    }

    private string Scaled(TimeSpan value) => (value / settings.RateScale).ToString("c", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The seeded account, ECS answers copied as the AWS adapters would deserialise them, and the reconciler watched by the probe.</summary>
    private static void UseFleet(IServiceCollection services, SimulatedAws aws, ReconcileProbe probe) =>
        services.AddSimulatedAws(aws)
            .AddImplementation<IEcsApi>(new FreshCopyEcsApi(aws.Ecs))
            .AddImplementation<IClusterReconciler>(sp => probe.Wrap(ActivatorUtilities.CreateInstance<ClusterReconciler>(sp)));

    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
