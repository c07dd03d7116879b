using Microsoft.Extensions.Options;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.ZeebeSimulation;

/// <summary>A simulated Zeebe with a manual clock and a running set the test controls.</summary>
internal sealed class ZeebeSimulationFixture
{
    public const string Cluster = "orders";
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, HashSet<int>> _running = new(StringComparer.Ordinal);

    public ZeebeSimulationFixture()
    {
        Zeebe = new SimulatedZeebeCluster(
            Clock,
            name => _running.TryGetValue(name, out var ids) ? ids : new HashSet<int>(),
            Options.Create(new SimulatedZeebeOptions { ChangeDuration = Step, StartupDuration = Startup, PartitionCatchUpDuration = CatchUp }));
    }

    public ManualTimeProvider Clock { get; } = new(Start);

    public SimulatedZeebeCluster Zeebe { get; }

    public static Uri Broker(int nodeId, string cluster = Cluster) => new ZeebeBrokerAddress(cluster, nodeId, "zeebe.internal").ToUri();

    public void Run(params int[] nodeIds) => RunIn(Cluster, nodeIds);

    public void RunIn(string cluster, params int[] nodeIds)
    {
        if (!_running.TryGetValue(cluster, out var set))
        {
            _running[cluster] = set = [];
        }

        set.UnionWith(nodeIds);
    }

    public void Stop(params int[] nodeIds) => _running[Cluster].ExceptWith(nodeIds);
}
