using System.Globalization;

namespace ZeebeOperator.Benchmarks;

/// <summary>What the benchmark runs, from the command line.</summary>
/// <param name="Latency">Latency of every simulated AWS call (and the spec and status stores) while converging.</param>
/// <param name="RateScale">
/// Multiplies every throttle rate and burst, and divides the fleet's per-call latency and the operator's throttling
/// backoff, so the fleet phases run in 1/RateScale of the time they would take against AWS while keeping rates,
/// latency, backoff and concurrency in proportion.
/// </param>
internal sealed record BenchmarkSettings(
    TimeSpan Latency,
    double RateScale,
    int Clusters,
    int BrokersPerCluster,
    IReadOnlyList<int> BudgetSizes,
    IReadOnlyList<int> ConvergeSizes,
    string? JsonPath,
    int Trials = 20,
    int Hours = 2)
{
    public static BenchmarkSettings Default { get; } = new(TimeSpan.FromMilliseconds(50), 10, 1000, 3, [1, 3, 5, 10, 30], [3, 10], null);

    public TimeSpan FleetLatency => Latency / RateScale;

    public const string Usage = """
        usage: ZeebeOperator.Benchmarks [--json <path>] [--latency-ms <ms>] [--rate-scale <factor>] [--clusters <n>] [--brokers <n>] [--trials <n>] [--hours <n>]
          --latency-ms   latency of every simulated call while converging (default 50); the fleet uses latency / rate-scale
          --rate-scale   multiplies AWS-like throttle rates and bursts, and divides latency and throttling backoff, for the fleet phases (default 10)
          --clusters     clusters of the fleet resync (default 1000)
          --brokers      brokers per fleet cluster (default 3)
          --trials       reaction-time trials per trigger and mode, in simulated time (default 20; 200 for stable p99s)
          --hours        simulated hours of steady state whose reads are counted, per mode (default 2)
          --json         also write the figures as JSON to this file
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var settings = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name}: needs a value");
            settings = name switch
            {
                "--json" => settings with { JsonPath = Value() },
                "--latency-ms" => settings with { Latency = TimeSpan.FromMilliseconds(Number(name, Value(), 0, 10_000)) },
                "--rate-scale" => settings with { RateScale = Number(name, Value(), 0.01, 1000) },
                "--clusters" => settings with { Clusters = (int)Number(name, Value(), 1, 100_000) },
                "--brokers" => settings with { BrokersPerCluster = (int)Number(name, Value(), 1, 100) },
                "--trials" => settings with { Trials = (int)Number(name, Value(), 1, 10_000) },
                "--hours" => settings with { Hours = (int)Number(name, Value(), 1, 100) },
                _ => throw new ArgumentException($"{name}: unknown option"),
            };
        }

        return settings;
    }

    private static double Number(string name, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name}: must be a number from {min} to {max} (was '{text}')");
}
