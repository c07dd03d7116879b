using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reconciler, planner and their parts. The ports (ECS, Cloud Map, EFS, spec store,
    /// status store, audit log) are registered separately: by the AWS adapters or by the simulation.
    /// </summary>
    public static IServiceCollection AddZeebeOperatorCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleInstanceLeadership();
        services.AddSingleton(sp => new DesiredStateRenderer(sp.GetRequiredService<IOptions<OperatorOptions>>().Value.Region));
        services.AddSingleton<ThrottlingRetry>();
        services.TryAddSingleton(CallTransport.InProcess);
        services.TryAddSingleton<ClusterStatusCache>();
        services.AddSingleton<ClusterObserver>();
        services.AddSingleton<ClusterAssessor>();
        services.AddSingleton<PlanExecutor>();
        services.AddSingleton<IClusterReconciler, ClusterReconciler>();
        services.AddSingleton<IClusterPlanner, ClusterPlanner>();
        return services;
    }
}
