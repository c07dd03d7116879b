using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Configuration;

namespace ZeebeOperator.Host.Configuration;

/// <summary>
/// OTLP export of the operator's metrics, bound from <c>Metrics:Otlp</c>; the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> variables apply when those keys are not set. No endpoint, no export.
/// </summary>
internal sealed class OtlpMetricsOptions : IValidatableObject
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

    [PositiveDuration("00:00:30")]
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Enabled && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            yield return new($"{SectionName}:Endpoint (or {EndpointVariable}) must be an absolute http or https address such as http://otel-collector:4318 (was '{Endpoint}').");
        }

        if (Protocol is not (HttpProtobuf or Grpc))
        {
            yield return new($"{SectionName}:Protocol (or {ProtocolVariable}) must be '{HttpProtobuf}' or '{Grpc}' (was '{Protocol}').");
        }
    }
}

[OptionsValidator]
internal sealed partial class OtlpMetricsOptionsValidator : IValidateOptions<OtlpMetricsOptions>;
