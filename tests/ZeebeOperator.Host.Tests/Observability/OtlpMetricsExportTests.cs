using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Host.Configuration;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Testing;

namespace ZeebeOperator.Host.Tests.Observability;

public sealed class OtlpMetricsExportTests
{
    [Fact]
    public async Task A_collector_receives_the_reconcile_metrics_over_OTLP_HTTP_when_the_host_stops()
    {
        await using var collector = new LoopbackHttpServer(_ => new CannedResponse(200, "", "application/x-protobuf"));
        using var host = Build(new()
        {
            ["Metrics:Otlp:Endpoint"] = collector.BaseUri.ToString(),
            ["Metrics:Otlp:ExportInterval"] = "01:00:00",
        });
        await host.StartAsync();
        await host.Services.GetRequiredService<IClusterReconciler>().ReconcileAsync("orders", CancellationToken.None);

        await host.StopAsync();

        var export = Assert.Single(collector.Requests, r => r.Method == "POST");
        Assert.Equal("/v1/metrics", export.Target);
        Assert.Equal("application/x-protobuf", export.Headers["Content-Type"]);
        Assert.Contains("zeebe_operator.reconciles", export.Body, StringComparison.Ordinal);
        Assert.Contains("converged", export.Body, StringComparison.Ordinal);
        Assert.Contains("orders", export.Body, StringComparison.Ordinal);
        Assert.Contains("zeebe_operator.leader", export.Body, StringComparison.Ordinal);
        Assert.Contains("zeebe-operator", export.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_exported()
    {
        using var host = Build([]);

        await host.StartAsync();

        Assert.Null(Export(host).ExportEndpoint);
        await host.StopAsync();
    }

    [Fact]
    public void The_standard_OTEL_variables_enable_export_and_the_Metrics_keys_win_over_them()
    {
        using var fromVariables = Build(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317", ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc" });
        using var fromKeys = Build(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
            ["Metrics:Otlp:Endpoint"] = "http://other:4318",
            ["Metrics:Otlp:Protocol"] = "http/protobuf",
        });

        var variables = fromVariables.Services.GetRequiredService<IOptions<OtlpMetricsOptions>>().Value;
        Assert.Equal(("http://collector:4317", "grpc"), (variables.Endpoint, variables.Protocol));
        var keys = fromKeys.Services.GetRequiredService<IOptions<OtlpMetricsOptions>>().Value;
        Assert.Equal(("http://other:4318", "http/protobuf"), (keys.Endpoint, keys.Protocol));
    }

    [Theory]
    [InlineData("http://collector:4318", "http/protobuf", "http://collector:4318/v1/metrics")]
    [InlineData("http://collector:4318/", "http/protobuf", "http://collector:4318/v1/metrics")]
    [InlineData("https://gateway.example.com/otlp", "http/protobuf", "https://gateway.example.com/otlp/v1/metrics")]
    [InlineData("http://collector:4318/v1/metrics", "http/protobuf", "http://collector:4318/v1/metrics")]
    [InlineData("http://collector:4317", "grpc", "http://collector:4317/")]
    public void The_signal_path_is_appended_for_http_protobuf_only(string endpoint, string protocol, string expected) =>
        Assert.Equal(
            new Uri(expected),
            OtlpMetricsExport.SignalEndpoint(new OtlpMetricsOptions { Endpoint = endpoint, Protocol = protocol }));

    [Fact]
    public async Task Bad_settings_stop_the_start_naming_each_key()
    {
        using var host = Build(new()
        {
            ["Metrics:Otlp:Endpoint"] = "collector:4318",
            ["Metrics:Otlp:Protocol"] = "http/json",
            ["Metrics:Otlp:ExportInterval"] = "00:00:00",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Metrics:Otlp:Endpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http or https address", error.Message, StringComparison.Ordinal);
        Assert.Contains("Metrics:Otlp:Protocol (or OTEL_EXPORTER_OTLP_PROTOCOL) must be 'http/protobuf' or 'grpc' (was 'http/json')", error.Message, StringComparison.Ordinal);
        Assert.Contains("Metrics:Otlp:ExportInterval must be a positive duration", error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> overrides) =>
        OperatorHost.Build(new HostRequest(Local: true, SpecsDirectory: null, WithController: false), overrides, new TestBackend("orders.json").Use);

    private static OtlpMetricsExport Export(IHost host) =>
        host.Services.GetServices<IHostedService>().OfType<OtlpMetricsExport>().Single();
}
