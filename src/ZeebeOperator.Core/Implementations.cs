using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ZeebeOperator.Core;

/// <summary>
/// Where a backend (AWS, the simulation, a test double) registers what implements a port, or the reconciler: under
/// <see cref="Key"/>. The core registers the service itself as that implementation, and metering wraps the core's
/// registration, so a backend chosen after the core and its metering is measured all the same.
/// </summary>
public static class Implementations
{
    public const string Key = "ZeebeOperator.Implementation";

    public static IServiceCollection AddImplementation<TService>(this IServiceCollection services, TService instance)
        where TService : class => services.AddKeyedSingleton(Key, instance);

    public static IServiceCollection AddImplementation<TService>(this IServiceCollection services, Func<IServiceProvider, TService> factory)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return services.AddKeyedSingleton(Key, (provider, _) => factory(provider));
    }

    public static IServiceCollection AddImplementation<TService, TImplementation>(this IServiceCollection services)
        where TService : class
        where TImplementation : class, TService => services.AddKeyedSingleton<TService, TImplementation>(Key);

    /// <summary>Resolves <paramref name="service"/> as its implementation, unless something registered the service directly.</summary>
    internal static void AddImplemented(this IServiceCollection services, Type service) =>
        services.TryAdd(ServiceDescriptor.Singleton(service, provider => provider.GetRequiredKeyedService(service, Key)));
}
