using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Zeebe;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Implements <see cref="IZeebeClusterApi"/> (<see cref="Implementations"/>) with a typed <see cref="HttpClient"/>
    /// talking to Zeebe's management API, with <see cref="ZeebeApiOptions"/> bound from the <c>Zeebe</c> section (validated).
    /// </summary>
    public static IServiceCollection AddZeebeClusterApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ZeebeApiOptions>().Bind(configuration.GetSection(ZeebeApiOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZeebeApiOptions>, ZeebeApiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The request timeout is enforced per request by the client (on the TimeProvider), not by HttpClient.
        services.AddHttpClient<ZeebeClusterApiClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddImplementation<IZeebeClusterApi>(sp => sp.GetRequiredService<ZeebeClusterApiClient>());
        return services;
    }
}
