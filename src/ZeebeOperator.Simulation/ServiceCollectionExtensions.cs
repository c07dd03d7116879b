using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Ports.Interception;
using ZeebeOperator.Simulation.Notifications;
using ZeebeOperator.Simulation.Stores;

namespace ZeebeOperator.Simulation;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Every port on <paramref name="aws"/>, each through <paramref name="interceptor"/> when one is given (the chaos
    /// soak's), and its in-memory lease store: one process, the leader at once.
    /// </summary>
    public static IServiceCollection AddSimulatedAws(this IServiceCollection services, SimulatedAws aws, IPortInterceptor? interceptor = null)
    {
        ArgumentNullException.ThrowIfNull(aws);
        services.AddImplementation<IEventQueue>(aws.Events);
        services.AddImplementation<INotificationQueue>(aws.NotificationQueues);
        return services.AddSimulatedPorts(
            _ => new SimulatedPorts(aws.Ecs, aws.ServiceDiscovery, aws.Efs, aws.Ec2, aws.Specs, aws.Status, aws.Audit, aws.Zeebe, aws.Leases, aws.Outbox, aws.Subscribers),
            interceptor);
    }

    /// <summary>
    /// The simulated account of a local run (<see cref="LocalAccount"/>), created when first used, with
    /// <see cref="LocalOptions"/> bound from the <c>Local</c> section and validated.
    /// </summary>
    public static IServiceCollection AddLocalSimulation(this IServiceCollection services, IConfiguration configuration, LocalSimulation simulation)
    {
        services.AddOptions<LocalOptions>().Bind(configuration.GetSection(LocalOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalOptions>, LocalOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(simulation);
        services.AddSingleton<LocalAccount>();
        services.AddImplementation<IEventQueue>(provider => provider.GetRequiredService<LocalAccount>().Aws.Events);
        services.AddImplementation<INotificationQueue>(provider => provider.GetRequiredService<LocalAccount>().Aws.NotificationQueues);
        services.AddSingleton<ISubscriberDirectory>(provider =>
        {
            var discovery = provider.GetRequiredService<EcsSubscriberDirectory>();
            var local = provider.GetRequiredService<IOptions<LocalOptions>>().Value;
            return local.Subscriber
                ? new LocalSubscriber(provider.GetRequiredService<LocalAccount>().Aws, discovery, local.TaskStartDelay, provider.GetRequiredService<ILogger<LocalSubscriber>>())
                : discovery;
        });
        return services.AddSimulatedPorts(provider =>
        {
            var account = provider.GetRequiredService<LocalAccount>();
            var aws = account.Aws;
            return new SimulatedPorts(aws.Ecs, aws.ServiceDiscovery, aws.Efs, aws.Ec2, account.Specs, account.Status, account.Audit, aws.Zeebe, aws.Leases, aws.Outbox, aws.Subscribers);
        });
    }

    private static IServiceCollection AddSimulatedPorts(this IServiceCollection services, Func<IServiceProvider, SimulatedPorts> create, IPortInterceptor? interceptor = null)
    {
        services.AddSingleton(create);
        Add(provider => provider.GetRequiredService<SimulatedPorts>().Ecs);
        Add(provider => provider.GetRequiredService<SimulatedPorts>().ServiceDiscovery);
        Add(provider => provider.GetRequiredService<SimulatedPorts>().Efs);
        Add(provider => provider.GetRequiredService<SimulatedPorts>().Ec2);
        services.TryAddSingleton<IContainerHostAddresses, ContainerHostAddresses>();
        Add(provider => provider.GetRequiredService<SimulatedPorts>().Specs);
        Add(provider => provider.GetRequiredService<SimulatedPorts>().Status);
        Add(provider => provider.GetRequiredService<SimulatedPorts>().Audit);
        Add(provider => provider.GetRequiredService<SimulatedPorts>().Zeebe);
        services.AddImplementation<INotificationOutbox>(provider => provider.GetRequiredService<SimulatedPorts>().Outbox);
        services.AddSingleton<ISubscriberTransport>(provider => provider.GetRequiredService<SimulatedPorts>().Subscribers);
        // The account's own lease store: its status stores check a fenced write against the same lease.
        services.AddSingleton<ILeaseStore>(provider => provider.GetRequiredService<SimulatedPorts>().Leases);
        return services;

        void Add<TPort>(Func<IServiceProvider, TPort> port)
            where TPort : class =>
            services.AddImplementation(provider => interceptor is null ? port(provider) : PortInterception.Intercept(port(provider), interceptor));
    }

    private sealed record SimulatedPorts(
        IEcsApi Ecs,
        IServiceDiscoveryApi ServiceDiscovery,
        IElasticFileSystemApi Efs,
        IEc2Api Ec2,
        ISpecStore Specs,
        IClusterStatusStore Status,
        IAuditLog Audit,
        IZeebeClusterApi Zeebe,
        InMemoryLeaseStore Leases,
        INotificationOutbox Outbox,
        ISubscriberTransport Subscribers);
}
