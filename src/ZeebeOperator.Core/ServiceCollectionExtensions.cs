using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reconciler, planner and their parts, and <see cref="OperatorOptions"/> from the <c>Operator</c>
    /// section, validated. The ports (<see cref="PortCatalog.Intercepted"/>) are a backend's to implement
    /// (<see cref="Implementations"/>): the AWS adapters', the simulation's.
    /// </summary>
    public static IServiceCollection AddZeebeOperatorCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>());
        services.AddEventRouting(configuration);
        services.AddNotifications(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleInstanceLeadership();
        foreach (var port in PortCatalog.Intercepted)
        {
            services.AddImplemented(port);
        }

        services.AddSingleton(sp => new DesiredStateRenderer(sp.GetRequiredService<IOptions<OperatorOptions>>().Value.Region));
        services.AddSingleton<ThrottlingRetry>();
        services.AddSingleton(sp => new TaskDefinitionCache(sp.GetRequiredService<IOptions<OperatorOptions>>().Value));
        services.TryAddSingleton<ClusterStatusCache>();
        services.AddSingleton<ClusterObserver>();
        services.AddSingleton<ClusterInspector>();
        services.AddSingleton<PlanExecutor>();
        services.AddImplementation<IClusterReconciler, ClusterReconciler>();
        services.AddImplemented(typeof(IClusterReconciler));
        services.AddSingleton<IPlanPreviewer, PlanPreviewer>();
        return services;
    }
}
