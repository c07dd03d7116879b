using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Host.Leadership;

internal static class LeadershipRegistration
{
    /// <summary>
    /// <see cref="ILeadership"/> and <see cref="IFencingTokenSource"/>: the elector on the backend's
    /// <see cref="ILeaseStore"/> (with its hosted service) when <c>LeaderElection:Enabled</c>, else a single instance
    /// that always acts with token 0.
    /// </summary>
    public static IServiceCollection AddLeadership(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LeaderElectionOptions.SectionName);
        services.AddOptions<LeaderElectionOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LeaderElectionOptions>, LeaderElectionOptionsValidator>());

        var enabled = section.GetValue(nameof(LeaderElectionOptions.Enabled), defaultValue: true);
        if (enabled)
        {
            services.AddSingleton(sp => new LeaderElector(
                sp.GetService<ILeaseStore>() ?? throw new InvalidOperationException("Leader election is enabled but the backend registers no lease store (ILeaseStore)."),
                sp.GetRequiredService<IOptions<LeaderElectionOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<LeaderElector>>()));
            services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<LeaderElector>());
            services.AddSingleton<IFencingTokenSource>(sp => sp.GetRequiredService<LeaderElector>());
            services.AddHostedService<LeaderElectionService>();
        }
        else
        {
            services.AddSingleton(sp => new SingleInstanceLeadership(
                sp.GetRequiredService<IOptions<LeaderElectionOptions>>().Value.Identity ?? LeaderIdentity.Default(),
                sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<SingleInstanceLeadership>());
            services.AddSingleton<IFencingTokenSource>(sp => sp.GetRequiredService<SingleInstanceLeadership>());
        }

        return services;
    }
}
