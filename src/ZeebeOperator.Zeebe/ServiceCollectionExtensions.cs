using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Zeebe;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IZeebeClusterApi"/> as a typed <see cref="HttpClient"/> talking to Zeebe's management API,
    /// with <see cref="ZeebeApiOptions"/> bound from the <c>Zeebe</c> configuration section.
    /// </summary>
    public static IServiceCollection AddZeebeClusterApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ZeebeApiOptions>()
            .Bind(configuration.GetSection(ZeebeApiOptions.SectionName))
            .Validate(options => options.RequestTimeout > TimeSpan.Zero, "Zeebe:RequestTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // The request timeout is enforced per request by the client (on the TimeProvider), not by HttpClient.
        services.AddHttpClient<IZeebeClusterApi, ZeebeClusterApiClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
