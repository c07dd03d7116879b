using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;

namespace ZeebeOperator.Core.Observability;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OperatorMetrics"/> and wraps the ports and the reconciler registered so far in metering
    /// decorators, so the real AWS adapters and the simulation are measured alike. Call it after the ports are
    /// registered; calling it again changes nothing.
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
        services.Decorate<IEcsApi>((inner, sp) => new MeteredEcsApi(inner, sp.GetRequiredService<OperatorMetrics>()));
        services.Decorate<IServiceDiscoveryApi>((inner, sp) => new MeteredServiceDiscoveryApi(inner, sp.GetRequiredService<OperatorMetrics>()));
        services.Decorate<IElasticFileSystemApi>((inner, sp) => new MeteredElasticFileSystemApi(inner, sp.GetRequiredService<OperatorMetrics>()));
        services.Decorate<ISpecStore>((inner, sp) => new MeteredSpecStore(inner, sp.GetRequiredService<OperatorMetrics>()));
        services.Decorate<IClusterStatusStore>((inner, sp) => new MeteredClusterStatusStore(inner, sp.GetRequiredService<OperatorMetrics>()));
        services.Decorate<IAuditLog>((inner, sp) => new MeteredAuditLog(inner, sp.GetRequiredService<OperatorMetrics>()));
        services.Decorate<IZeebeClusterApi>((inner, sp) => new MeteredZeebeClusterApi(inner, sp.GetRequiredService<OperatorMetrics>()));
        services.Decorate<IClusterReconciler>((inner, sp) =>
            new MeteredClusterReconciler(inner, sp.GetRequiredService<OperatorMetrics>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
