using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Aws;
using ZeebeOperator.Core;
using ZeebeOperator.Simulation;
using ZeebeOperator.Zeebe;

namespace ZeebeOperator.Host.Composition;

/// <summary>
/// The operator as a set of registrations: <c>services.AddZeebeOperator(configuration)</c> is the core with its
/// metrics, then one backend, <see cref="UseAws"/> or <see cref="UseSimulation"/>, and for a long-running operator
/// <see cref="WithController"/>. One-shot commands (<c>plan</c>, the spec verbs) take no controller.
/// </summary>
internal sealed class ZeebeOperatorBuilder(IServiceCollection services, IConfiguration configuration)
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;

    /// <summary>The control loop: spec watcher, work queue, reconcile workers, resync, leader election, health endpoint.</summary>
    public ZeebeOperatorBuilder WithController()
    {
        Services.AddOperatorController(Configuration);
        return this;
    }

    /// <summary>Real AWS (<c>Aws</c> section) and Zeebe's management API (<c>Zeebe</c> section); <c>run</c> checks it before starting.</summary>
    public ZeebeOperatorBuilder UseAws()
    {
        Services.AddAwsAdapters(Configuration);
        Services.AddZeebeClusterApi(Configuration);
        Services.AddSingleton<IBackendPreflight, AwsPreflight>();
        return this;
    }

    /// <summary>The simulated AWS account and Zeebe brokers of a local run (<c>Local</c> section).</summary>
    public ZeebeOperatorBuilder UseSimulation(LocalSimulation simulation)
    {
        Services.AddLocalSimulation(Configuration, simulation);
        return this;
    }
}

internal static class ZeebeOperatorServiceCollectionExtensions
{
    /// <summary>The core (reconciler, planner, <c>Operator</c> options), the host's own options, metrics and their export.</summary>
    public static ZeebeOperatorBuilder AddZeebeOperator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddZeebeOperatorCore(configuration);
        services.AddOperatorHostOptions(configuration);
        services.AddOperatorTelemetry(configuration);
        return new ZeebeOperatorBuilder(services, configuration);
    }
}
