using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Benchmarks;

/// <summary>The operator's core composed as the host composes it, on a simulated account, driven pass by pass.</summary>
internal sealed class CoreOperator : IDisposable
{
    private readonly ServiceProvider _services;

    public CoreOperator(SimulatedAws aws, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton(aws.Time)
            .AddSimulatedAws(aws);
        services.AddZeebeOperatorCore(configuration);
        _services = services.BuildServiceProvider();
        Reconciler = _services.GetRequiredService<IClusterReconciler>();
    }

    public IClusterReconciler Reconciler { get; }

    /// <summary>Reconciles back to back (between passes <paramref name="between"/> runs) until converged; returns the passes.</summary>
    public async Task<int> ConvergeAsync(string clusterName, Action? between = null, int maxPasses = 100)
    {
        for (var pass = 1; pass <= maxPasses; pass++)
        {
            var result = await Reconciler.ReconcileAsync(clusterName, CancellationToken.None);
            if (result.Outcome == ReconcileOutcome.Converged)
            {
                return pass;
            }

            if (result.Outcome == ReconcileOutcome.Blocked)
            {
                throw new InvalidOperationException($"Cluster {clusterName} is blocked: {result.Message}");
            }

            between?.Invoke();
        }

        throw new InvalidOperationException($"Cluster {clusterName} did not converge in {maxPasses} passes.");
    }

    public void Dispose() => _services.Dispose();
}
