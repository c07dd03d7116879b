using Microsoft.Extensions.Options;

namespace ZeebeOperator.Host.Configuration;

/// <summary>
/// OTLP export of the operator's metrics, bound from <c>Metrics:Otlp</c>; the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> variables apply when those keys are not set. No endpoint, no export.
/// </summary>
internal sealed class OtlpMetricsOptions
{
    public const string SectionName = "Metrics:Otlp";
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string HttpProtobuf = "http/protobuf";
    public const string Grpc = "grpc";

    /// <summary>The collector's base address, e.g. <c>http://otel-collector:4318</c>; <c>/v1/metrics</c> is appended for http/protobuf.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>http/protobuf</c> (port 4318) or <c>grpc</c> (port 4317).</summary>
    public string Protocol { get; set; } = HttpProtobuf;

    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}

internal sealed class OtlpMetricsOptionsValidator : IValidateOptions<OtlpMetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, OtlpMetricsOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled
            && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            failures.Add($"{OtlpMetricsOptions.SectionName}:Endpoint (or {OtlpMetricsOptions.EndpointVariable}) must be an absolute http or https address such as http://otel-collector:4318 (was '{options.Endpoint}').");
        }

        if (options.Protocol is not (OtlpMetricsOptions.HttpProtobuf or OtlpMetricsOptions.Grpc))
        {
            failures.Add($"{OtlpMetricsOptions.SectionName}:Protocol (or {OtlpMetricsOptions.ProtocolVariable}) must be '{OtlpMetricsOptions.HttpProtobuf}' or '{OtlpMetricsOptions.Grpc}' (was '{options.Protocol}').");
        }

        if (options.ExportInterval <= TimeSpan.Zero)
        {
            failures.Add($"{OtlpMetricsOptions.SectionName}:ExportInterval must be a positive duration such as 00:00:30 (was {options.ExportInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
