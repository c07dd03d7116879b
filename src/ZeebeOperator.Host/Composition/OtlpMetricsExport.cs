using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Host.Configuration;

namespace ZeebeOperator.Host.Composition;

/// <summary>
/// Creates the operator's instruments when the host starts and, when an OTLP endpoint is configured, exports them
/// periodically through an OpenTelemetry meter provider that is flushed and disposed when the host has stopped.
/// It starts before every other service (<see cref="StartingAsync"/>) so that no early measurement is missed.
/// </summary>
internal sealed partial class OtlpMetricsExport(
    IOptions<OtlpMetricsOptions> options,
    OperatorMetrics metrics,
    ILogger<OtlpMetricsExport> logger) : IHostedLifecycleService, IDisposable
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    private MeterProvider? provider;

    /// <summary>Where metrics go; null when export is off.</summary>
    public Uri? ExportEndpoint { get; private set; }

    /// <summary>Taken so that the instruments, the leader and queue gauges among them, exist from the start.</summary>
    public OperatorMetrics Metrics { get; } = metrics;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Enabled && provider is null)
        {
            ExportEndpoint = SignalEndpoint(settings);
            provider = CreateProvider(settings, ExportEndpoint);
            Log.Exporting(logger, ExportEndpoint, settings.Protocol, settings.ExportInterval);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs after every service has stopped, so the last reconciles' measurements are in the final export, which
    /// shutting the provider down makes (a flush as well would send everything twice).
    /// </summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (provider is not null && !provider.Shutdown((int)FlushTimeout.TotalMilliseconds))
        {
            Log.FlushFailed(logger, ExportEndpoint!);
        }

        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        provider?.Dispose();
        provider = null;
    }

    /// <summary>
    /// The exporter takes a configured endpoint verbatim, while <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is a base address
    /// by the specification: for http/protobuf the signal path is appended here, as the exporter would for the variable.
    /// </summary>
    internal static Uri SignalEndpoint(OtlpMetricsOptions settings)
    {
        var endpoint = new Uri(settings.Endpoint!, UriKind.Absolute);
        if (settings.Protocol != OtlpMetricsOptions.HttpProtobuf || endpoint.AbsolutePath.EndsWith("/v1/metrics", StringComparison.Ordinal))
        {
            return endpoint;
        }

        return new Uri(endpoint.GetLeftPart(UriPartial.Authority) + endpoint.AbsolutePath.TrimEnd('/') + "/v1/metrics");
    }

    private static MeterProvider CreateProvider(OtlpMetricsOptions settings, Uri endpoint) =>
        Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("zeebe-operator"))
            .AddMeter(OperatorMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = settings.Protocol == OtlpMetricsOptions.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.ExportInterval.TotalMilliseconds;
            })
            .Build();

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Exporting metrics over OTLP ({Protocol}) to {Endpoint} every {Interval}")]
        public static partial void Exporting(ILogger logger, Uri endpoint, string protocol, TimeSpan interval);

        [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "The last metrics export to {Endpoint} did not complete before shutdown")]
        public static partial void FlushFailed(ILogger logger, Uri endpoint);
    }
}

internal static class OtlpMetricsExportServiceCollectionExtensions
{
    /// <summary>
    /// Meters the ports and the reconciler (call after the core; the backend may come later) and adds the export.
    /// <c>OTEL_EXPORTER_OTLP_*</c> variables are read first, so the <c>Metrics:Otlp</c> keys win over them.
    /// </summary>
    public static IServiceCollection AddOperatorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOperatorMetrics();
        services.AddOptions<OtlpMetricsOptions>()
            .Configure(options =>
            {
                options.Endpoint = configuration[OtlpMetricsOptions.EndpointVariable];
                options.Protocol = configuration[OtlpMetricsOptions.ProtocolVariable] ?? options.Protocol;
            })
            .Bind(configuration.GetSection(OtlpMetricsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OtlpMetricsOptions>, OtlpMetricsOptionsValidator>());
        services.AddHostedService<OtlpMetricsExport>();
        return services;
    }
}
