using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports.Interception;
using ZeebeOperator.Core.Reconciliation;

namespace ZeebeOperator.Core.Observability;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OperatorMetrics"/> and meters the ports (<see cref="PortMetering"/>) and the reconciler
    /// registered so far, so the real AWS adapters and the simulation are measured alike. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddOperatorMetrics(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(OperatorMetrics)))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleInstanceLeadership();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OperatorMetrics>();
        services.InterceptPorts(sp => new PortMetering(sp.GetRequiredService<OperatorMetrics>()));
        services.Decorate<IClusterReconciler>((inner, sp) =>
            new MeteredClusterReconciler(inner, sp.GetRequiredService<OperatorMetrics>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// <typeparamref name="TPort"/> as the backend implements it (<see cref="Implementations"/>), metered like the
    /// intercepted ports: for an optional port outside <see cref="Ports.PortCatalog.Intercepted"/>, such as the events queue.
    /// </summary>
    public static IServiceCollection AddMeteredPort<TPort>(this IServiceCollection services)
        where TPort : class
    {
        services.AddOperatorMetrics();
        services.TryAddSingleton(provider => PortInterception.Intercept(
            provider.GetRequiredKeyedService<TPort>(Implementations.Key),
            new PortMetering(provider.GetRequiredService<OperatorMetrics>())));
        return services;
    }
}
