using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Support;

/// <summary>
/// The operator's real core, composed the way the host composes it, on the simulated AWS and a manual clock.
/// "Restarting the operator" means building a new harness over the same simulation: nothing survives but AWS.
/// </summary>
internal sealed class OperatorHarness : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="configure">Runs after the core and the ports are registered (e.g. to add metrics or logging).</param>
    public OperatorHarness(
        SimulatedAws aws,
        ManualTimeProvider time,
        IZeebeClusterApi zeebe,
        IDictionary<string, string?>? settings = null,
        IFencingTokenSource? fencing = null,
        Action<IServiceCollection>? configure = null)
    {
        Aws = aws;
        Time = time;
        // On a manual clock nobody advances time during a pass: throttled calls are retried without waiting.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Operator:ThrottleRetryBaseDelay"] = "00:00:00" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(time)
            .AddSimulatedAws(aws)
            .AddImplementation(zeebe);
        if (fencing is not null)
        {
            services.AddSingleton(fencing);
        }

        services.AddZeebeOperatorCore(configuration);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        Reconciler = _services.GetRequiredService<IClusterReconciler>();
        Planner = _services.GetRequiredService<IPlanPreviewer>();
    }

    public static DateTimeOffset Start { get; } = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public IServiceProvider Services => _services;

    public SimulatedAws Aws { get; }

    public ManualTimeProvider Time { get; }

    public IClusterReconciler Reconciler { get; }

    public IPlanPreviewer Planner { get; }

    public List<ReconcileResult> Results { get; } = [];

    public void Commit(ZeebeClusterDocument document) => Aws.Specs.Put(SpecKeys.KeyFor(document.Name), SpecSerializer.ToJson(document));

    public void CommitRaw(string clusterName, string body) => Aws.Specs.Put(SpecKeys.KeyFor(clusterName), body);

    public async Task<ReconcileResult> ReconcileAsync(string clusterName = "orders")
    {
        var result = await Reconciler.ReconcileAsync(clusterName, CancellationToken.None);
        Results.Add(result);
        return result;
    }

    /// <summary>Reconciles and lets simulated time pass (as the work queue would) until converged or out of passes.</summary>
    public async Task<ReconcileResult> ConvergeAsync(string clusterName = "orders", int maxPasses = 60, TimeSpan? step = null)
    {
        ReconcileResult result = null!;
        for (var pass = 0; pass < maxPasses; pass++)
        {
            result = await ReconcileAsync(clusterName);
            if (result.Outcome is ReconcileOutcome.Converged or ReconcileOutcome.Blocked)
            {
                return result;
            }

            Time.Advance(step ?? result.RequeueAfter ?? TimeSpan.FromSeconds(5));
            Aws.Advance();
        }

        return result;
    }

    public Task<ClusterStatus?> StatusAsync(string clusterName = "orders") => Aws.Status.GetAsync(clusterName, CancellationToken.None);

    public void Dispose() => _services.Dispose();
}
