using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Host.Configuration;
using ZeebeOperator.Host.Controller;
using ZeebeOperator.Host.Health;
using ZeebeOperator.Host.Leadership;

namespace ZeebeOperator.Host.Composition;

internal static class OperatorServices
{
    /// <summary>Extra time the host gives stopping services beyond the reconcile grace.</summary>
    internal static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(10);

    /// <summary>The host's own keys of the <c>Operator</c> section (<see cref="OperatorHostOptions"/>), validated.</summary>
    public static IServiceCollection AddOperatorHostOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorHostOptions>().Bind(configuration.GetSection(OperatorHostOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OperatorHostOptions>, OperatorHostOptionsValidator>());
        return services;
    }

    /// <summary>
    /// The control loop: work queue, spec watcher, reconcile workers, the Quartz resync job, leader election, the
    /// health endpoint, and with <c>Events:QueueUrl</c> the events consumer. Needs the core and a backend (<see cref="ZeebeOperatorBuilder"/>).
    /// </summary>
    public static IServiceCollection AddOperatorController(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostOptions>()
            .Configure<IOptions<OperatorHostOptions>>((host, operatorHost) =>
                host.ShutdownTimeout = operatorHost.Value.ShutdownGrace + ShutdownMargin);

        services.TryAddSingleton<WorkQueue>();
        services.TryAddSingleton<KnownClusters>();
        services.TryAddSingleton<ReconcileDispatcher>();

        // Hosted services stop in reverse order: the health endpoint answers "stopping" to the end, and the lease is
        // released only after the worker has drained.
        services.AddHealthEndpoint(configuration);
        services.AddLeadership(configuration);
        services.AddHostedService<SpecWatcher>();
        services.AddHostedService<ReconcileWorker>();
        if (configuration.GetSection(NotifyOptions.SectionName).GetValue(nameof(NotifyOptions.Enabled), defaultValue: true))
        {
            services.AddHostedService<NotificationDeliveryService>();
        }
        if (configuration.GetSection(EventsOptions.SectionName)[nameof(EventsOptions.QueueUrl)] is { Length: > 0 })
        {
            // Registered after the worker: it stops first, before the lease is released.
            services.AddMeteredPort<IEventQueue>();
            services.AddHostedService<EventConsumer>();
        }

        services.AddQuartz(quartz =>
            quartz.ScheduleJob<ResyncJob>(ConfigureResyncTrigger, (_, job) => job.WithIdentity(ResyncJob.JobName)));
        services.AddQuartzHostedService(quartz => quartz.WaitForJobsToComplete = true);
        return services;
    }

    private static void AddHealthEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(HealthOptions.SectionName);
        services.AddOptions<HealthOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        services.TryAddSingleton<OperatorHealth>();
        if (section.GetValue(nameof(HealthOptions.Enabled), defaultValue: true))
        {
            services.TryAddSingleton<HealthEndpoint>();
            services.AddHostedService(sp => sp.GetRequiredService<HealthEndpoint>());
        }
    }

    private static void ConfigureResyncTrigger(IServiceProvider provider, ITriggerConfigurator<ResyncJob> trigger)
    {
        var interval = provider.GetRequiredService<IOptions<OperatorOptions>>().Value.ResyncInterval;
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();

        // The spec watcher's first poll queues every cluster; the first resync comes one interval later.
        trigger.WithIdentity(ResyncJob.JobName)
            .StartAt(now + interval)
            .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever());
    }
}
