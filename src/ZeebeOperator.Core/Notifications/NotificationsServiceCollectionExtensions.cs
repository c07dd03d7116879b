using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="NotifyOptions"/> from the <c>Notify</c> section, validated; the recorder the reconciler writes events
    /// with; the delivery engine; subscriber discovery through ECS and HTTP delivery, unless a backend registered its
    /// own <see cref="ISubscriberDirectory"/> or <see cref="ISubscriberTransport"/>. The outbox is a backend's port, and so
    /// is the notifications queue: with <c>Notify:QueueUrl</c> set, the delivery engine is given that queue as one more
    /// subscriber (<see cref="QueueSubscriberDirectory"/>, <see cref="QueueSubscriberTransport"/>) around whatever
    /// directory and transport are registered, whichever was registered first.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotifyOptions>().Bind(configuration.GetSection(NotifyOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotifyOptions>, NotifyOptionsValidator>());
        services.AddImplemented(typeof(INotificationOutbox));
        services.TryAddSingleton<SubscriberScopes>();
        services.TryAddSingleton<NotificationSignal>();
        services.TryAddSingleton<NotificationRecorder>();
        services.TryAddSingleton<EcsSubscriberDirectory>();
        services.TryAddSingleton<ISubscriberDirectory>(sp => sp.GetRequiredService<EcsSubscriberDirectory>());
        services.TryAddSingleton<ISubscriberTransport>(_ => new HttpSubscriberTransport(SubscriberHttpClient()));
        services.AddImplemented(typeof(INotificationQueue));
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<NotifyOptions>>().Value.Queue is { } queue
            ? ActivatorUtilities.CreateInstance<NotificationDelivery>(
                provider,
                new QueueSubscriberDirectory(provider.GetRequiredService<ISubscriberDirectory>(), queue),
                new QueueSubscriberTransport(provider.GetRequiredService<ISubscriberTransport>(), provider.GetRequiredService<INotificationQueue>()))
            : ActivatorUtilities.CreateInstance<NotificationDelivery>(provider));
        return services;
    }

    /// <summary>
    /// The client subscriber requests go through. It has no timeout of its own, so <c>Notify:RequestTimeout</c> alone
    /// bounds a request: HttpClient's default would cut any longer one at 100 s, on its own timer.
    /// </summary>
    internal static HttpClient SubscriberHttpClient() => new() { Timeout = Timeout.InfiniteTimeSpan };
}
