using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ZeebeOperator.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="EventsOptions"/> from the <c>Events</c> section, validated, and the router. With a queue configured,
    /// the resync and the spec poll become safety nets: <see cref="EventsOptions.SafetyNetResyncInterval"/> and
    /// <see cref="EventsOptions.SafetyNetSpecPollInterval"/>, unless <c>Operator:ResyncInterval</c> or
    /// <c>Operator:SpecPollInterval</c> is configured, which always wins.
    /// </summary>
    public static IServiceCollection AddEventRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventsOptions>, EventsOptionsValidator>());
        services.TryAddSingleton<ClusterPlacements>();
        services.TryAddSingleton<EventRouter>();
        services.AddOptions<OperatorOptions>().PostConfigure<IOptions<EventsOptions>>((operatorOptions, events) =>
        {
            if (!events.Value.Enabled)
            {
                return;
            }

            var configured = configuration.GetSection(OperatorOptions.SectionName);
            if (configured[nameof(OperatorOptions.ResyncInterval)] is null)
            {
                operatorOptions.ResyncInterval = EventsOptions.SafetyNetResyncInterval;
            }

            if (configured[nameof(OperatorOptions.SpecPollInterval)] is null)
            {
                operatorOptions.SpecPollInterval = EventsOptions.SafetyNetSpecPollInterval;
            }
        });
        return services;
    }
}
