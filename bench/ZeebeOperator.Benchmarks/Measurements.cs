using System.Diagnostics;
using ZeebeOperator.Simulation.Infrastructure;
using ZeebeOperator.Simulation.Throttling;

namespace ZeebeOperator.Benchmarks;

/// <summary>CPU time of the whole process (operator and simulation: they share it).</summary>
internal static class Cpu
{
    public static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

/// <summary>Samples the process working set and the managed heap until disposed, keeping the peaks.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakWorkingSet;
    private long _peakHeap;

    public MemorySampler() => _loop = SampleAsync();

    public double PeakWorkingSetMb => Mb(Interlocked.Read(ref _peakWorkingSet));

    public double PeakHeapMb => Mb(Interlocked.Read(ref _peakHeap));

    public static double Mb(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(25, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Sample();
    }

    private void Sample()
    {
        InterlockedMax(ref _peakWorkingSet, Environment.WorkingSet);
        InterlockedMax(ref _peakHeap, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

/// <summary>Calls to the throttled AWS services, by family (<c>ecs read</c>, ...).</summary>
internal static class CallCounts
{
    public static bool IsAws(ApiCall call) => ApiThrottleLimits.FamilyOf(call.Service, call.Mutating) is not null;

    /// <summary>Calls the account admitted (they took a token), by family.</summary>
    public static IReadOnlyDictionary<string, long> AdmittedByFamily(IEnumerable<ApiCall> calls) => calls
        .Where(c => IsAws(c) && c.Outcome == ApiCallOutcome.Succeeded)
        .GroupBy(c => ApiThrottleLimits.FamilyOf(c.Service, c.Mutating)!)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    /// <summary>
    /// The least time the account allows for these calls: per family, the calls beyond the bucket's burst at its
    /// sustained rate; the slowest family bounds the whole.
    /// </summary>
    public static (double Seconds, string Family) ThrottleBound(IReadOnlyDictionary<string, long> admitted, ApiThrottleLimits limits)
    {
        var slowest = (Seconds: 0.0, Family: "none");
        foreach (var (family, calls) in admitted)
        {
            var rate = limits.RateOf(family)!;
            var seconds = Math.Max(0, calls - rate.Burst) / rate.PerSecond;
            if (seconds > slowest.Seconds)
            {
                slowest = (seconds, family);
            }
        }

        return slowest;
    }

    /// <summary>
    /// Sequential rounds of calls: calls that complete within half a latency of the round's first call ran
    /// concurrently with it; every call has the same latency, so rounds × latency is the dependent chain's length.
    /// </summary>
    public static int SequentialRounds(IEnumerable<ApiCall> calls, TimeSpan latency)
    {
        var rounds = 0;
        DateTimeOffset? roundStart = null;
        foreach (var call in calls.OrderBy(c => c.Timestamp))
        {
            if (roundStart is null || call.Timestamp - roundStart.Value >= latency / 2)
            {
                rounds++;
                roundStart = call.Timestamp;
            }
        }

        return rounds;
    }
}
