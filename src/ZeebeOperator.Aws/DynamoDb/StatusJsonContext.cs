using System.Text.Json.Serialization;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Aws.DynamoDb;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClusterStatus))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
