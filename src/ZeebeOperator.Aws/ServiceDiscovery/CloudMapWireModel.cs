using System.Text.Json.Serialization;

namespace ZeebeOperator.Aws.ServiceDiscovery;

// The Cloud Map (Route53AutoNaming) JSON 1.1 shapes: PascalCase members, as the API model spells them.

internal sealed record CloudMapTag(string Key, string Value);

internal sealed record CloudMapFilter(string Name, IReadOnlyList<string> Values, string Condition);

internal sealed record ListServicesInput(string? NextToken, int MaxResults, IReadOnlyList<CloudMapFilter> Filters);

internal sealed record CloudMapDnsRecord(string Type, long TTL);

internal sealed record CloudMapDnsConfig(string? NamespaceId, string? RoutingPolicy, IReadOnlyList<CloudMapDnsRecord> DnsRecords);

internal sealed record CloudMapServiceShape(
    string? Id,
    string? Arn,
    string? Name,
    string? NamespaceId,
    string? Description,
    CloudMapDnsConfig? DnsConfig);

internal sealed record ListServicesOutput(IReadOnlyList<CloudMapServiceShape>? Services, string? NextToken);

internal sealed record CreateServiceInput(
    string Name,
    string NamespaceId,
    string CreatorRequestId,
    string? Description,
    CloudMapDnsConfig DnsConfig,
    IReadOnlyList<CloudMapTag>? Tags);

internal sealed record ServiceOutput(CloudMapServiceShape? Service);

internal sealed record ServiceIdInput(string Id);

internal sealed record ResourceArnInput([property: JsonPropertyName("ResourceARN")] string ResourceArn);

internal sealed record TagsOutput(IReadOnlyList<CloudMapTag>? Tags);

internal sealed record TagResourceInput([property: JsonPropertyName("ResourceARN")] string ResourceArn, IReadOnlyList<CloudMapTag> Tags);

internal sealed record EmptyOutput;

internal sealed record RegisterInstanceInput(string ServiceId, string InstanceId, string? CreatorRequestId, IReadOnlyDictionary<string, string> Attributes);

internal sealed record DeregisterInstanceInput(string ServiceId, string InstanceId);

internal sealed record OperationOutput(string? OperationId);

internal sealed record ListInstancesInput(string ServiceId, string? NextToken, int MaxResults);

internal sealed record CloudMapInstanceSummary(string? Id, IReadOnlyDictionary<string, string>? Attributes);

internal sealed record ListInstancesOutput(IReadOnlyList<CloudMapInstanceSummary>? Instances, string? NextToken);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ListServicesInput))]
[JsonSerializable(typeof(ListServicesOutput))]
[JsonSerializable(typeof(CreateServiceInput))]
[JsonSerializable(typeof(ServiceOutput))]
[JsonSerializable(typeof(ServiceIdInput))]
[JsonSerializable(typeof(ResourceArnInput))]
[JsonSerializable(typeof(TagsOutput))]
[JsonSerializable(typeof(TagResourceInput))]
[JsonSerializable(typeof(EmptyOutput))]
[JsonSerializable(typeof(RegisterInstanceInput))]
[JsonSerializable(typeof(DeregisterInstanceInput))]
[JsonSerializable(typeof(OperationOutput))]
[JsonSerializable(typeof(ListInstancesInput))]
[JsonSerializable(typeof(ListInstancesOutput))]
internal sealed partial class CloudMapJsonContext : JsonSerializerContext;
