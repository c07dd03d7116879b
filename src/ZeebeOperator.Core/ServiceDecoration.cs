using Microsoft.Extensions.DependencyInjection;

namespace ZeebeOperator.Core;

/// <summary>
/// Wraps registered services in decorators. The original registration moves under a private key, so the container
/// still creates and disposes the inner service exactly as before.
/// </summary>
internal static class ServiceDecoration
{
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class =>
        services.Decorate(typeof(TService), (inner, provider) => decorate((TService)inner, provider));

    public static IServiceCollection Decorate(this IServiceCollection services, Type serviceType, Func<object, IServiceProvider, object> decorate)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var original = services[i];
            if (original.ServiceType != serviceType || original.IsKeyedService)
            {
                continue;
            }

            var key = new InnerKey(i);
            services.Add(AsKeyed(original, key));
            services[i] = ServiceDescriptor.Describe(
                serviceType,
                provider => decorate(provider.GetRequiredKeyedService(serviceType, key), provider),
                original.Lifetime);
        }

        return services;
    }

    private static ServiceDescriptor AsKeyed(ServiceDescriptor original, object key) => original switch
    {
        { ImplementationInstance: { } instance } => new ServiceDescriptor(original.ServiceType, key, instance),
        { ImplementationFactory: { } factory } => new ServiceDescriptor(original.ServiceType, key, (provider, _) => factory(provider), original.Lifetime),
        _ => new ServiceDescriptor(original.ServiceType, key, original.ImplementationType!, original.Lifetime),
    };

    private sealed record InnerKey(int Index);
}
