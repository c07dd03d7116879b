using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace ZeebeOperator.Core.Ports.Interception;

/// <summary>The one way the operator wraps its ports: metering and chaos are <see cref="IPortInterceptor"/>s.</summary>
public static class PortInterception
{
    /// <summary><paramref name="implementation"/> with every call going through <paramref name="interceptor"/>.</summary>
    public static TPort Intercept<TPort>(TPort implementation, IPortInterceptor interceptor)
        where TPort : class
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ArgumentNullException.ThrowIfNull(interceptor);
        return PortProxy<TPort>.Create(implementation, interceptor);
    }

    /// <summary>Wraps each port of <see cref="PortCatalog.Intercepted"/> registered so far in the interceptor.</summary>
    public static IServiceCollection InterceptPorts(this IServiceCollection services, Func<IServiceProvider, IPortInterceptor> interceptor)
    {
        ArgumentNullException.ThrowIfNull(interceptor);
        foreach (var port in PortCatalog.Intercepted)
        {
            var intercept = typeof(PortInterception).GetMethod(nameof(Intercept))!.MakeGenericMethod(port);
            services.Decorate(port, (inner, provider) => intercept.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, [inner, interceptor(provider)], culture: null)!);
        }

        return services;
    }
}
