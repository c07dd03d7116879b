using System.Text.Json.Serialization;

namespace ZeebeOperator.Host.Health;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OperatorHealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
