using ZeebeOperator.Aws.Runtime;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Aws.ServiceDiscovery;

/// <summary>
/// <see cref="IServiceDiscoveryApi"/> over AWS Cloud Map's JSON 1.1 API. Services get one A record with the
/// spec's TTL and MULTIVALUE routing, and no health check configuration: brokers must resolve each other while
/// the cluster forms, before any health check could pass, and ECS deregisters stopped tasks itself.
/// </summary>
public sealed class ServiceDiscoveryApiClient : IServiceDiscoveryApi, IDisposable
{
    private const string ServiceName = "ServiceDiscovery";
    private readonly JsonServiceChannel _channel;

    internal ServiceDiscoveryApiClient(HandWrittenServiceClient client) => _channel = new JsonServiceChannel(client, ServiceName);

    public async Task<IReadOnlyList<DiscoveryService>> ListServicesAsync(string namespaceId, CancellationToken cancellationToken)
    {
        var services = new List<DiscoveryService>();
        var filter = new CloudMapFilter("NAMESPACE_ID", [namespaceId], "EQ");
        string? nextToken = null;
        do
        {
            var page = await _channel.CallAsync(
                "ListServices",
                new ListServicesInput(nextToken, 100, [filter]),
                CloudMapJsonContext.Default.ListServicesInput,
                CloudMapJsonContext.Default.ListServicesOutput,
                cancellationToken).ConfigureAwait(false);
            services.AddRange((page.Services ?? []).Select(s => FromWire(s, namespaceId)));
            nextToken = page.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));

        return services;
    }

    public async Task<DiscoveryService> CreateServiceAsync(CreateDiscoveryServiceRequest request, CancellationToken cancellationToken)
    {
        var input = new CreateServiceInput(
            request.Name,
            request.NamespaceId,
            request.CreatorRequestId,
            request.Description,
            new CloudMapDnsConfig(null, "MULTIVALUE", [new CloudMapDnsRecord("A", request.DnsTtlSeconds)]),
            request.Tags.Count == 0 ? null : ToTags(request.Tags));
        var output = await _channel.CallAsync(
            "CreateService", input, CloudMapJsonContext.Default.CreateServiceInput, CloudMapJsonContext.Default.ServiceOutput, cancellationToken)
            .ConfigureAwait(false);
        return ServiceOf(output, "CreateService", request.NamespaceId);
    }

    public Task DeleteServiceAsync(string serviceId, CancellationToken cancellationToken) =>
        _channel.CallAsync(
            "DeleteService", new ServiceIdInput(serviceId), CloudMapJsonContext.Default.ServiceIdInput, CloudMapJsonContext.Default.EmptyOutput, cancellationToken);

    public async Task<IReadOnlyList<ServiceInstance>> ListInstancesAsync(string serviceId, CancellationToken cancellationToken)
    {
        var instances = new List<ServiceInstance>();
        string? nextToken = null;
        do
        {
            var page = await _channel.CallAsync(
                "ListInstances",
                new ListInstancesInput(serviceId, nextToken, 100),
                CloudMapJsonContext.Default.ListInstancesInput,
                CloudMapJsonContext.Default.ListInstancesOutput,
                cancellationToken).ConfigureAwait(false);
            instances.AddRange((page.Instances ?? [])
                .Where(i => i.Id is not null)
                .Select(i => new ServiceInstance(i.Id!, i.Attributes ?? new Dictionary<string, string>())));
            nextToken = page.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));

        return instances;
    }

    public async Task<string> RegisterInstanceAsync(RegisterInstanceRequest request, CancellationToken cancellationToken)
    {
        var output = await _channel.CallAsync(
            "RegisterInstance",
            new RegisterInstanceInput(request.ServiceId, request.InstanceId, request.CreatorRequestId.Length == 0 ? null : request.CreatorRequestId, request.Attributes),
            CloudMapJsonContext.Default.RegisterInstanceInput,
            CloudMapJsonContext.Default.OperationOutput,
            cancellationToken).ConfigureAwait(false);
        return output.OperationId ?? string.Empty;
    }

    public async Task<string> DeregisterInstanceAsync(string serviceId, string instanceId, CancellationToken cancellationToken)
    {
        var output = await _channel.CallAsync(
            "DeregisterInstance",
            new DeregisterInstanceInput(serviceId, instanceId),
            CloudMapJsonContext.Default.DeregisterInstanceInput,
            CloudMapJsonContext.Default.OperationOutput,
            cancellationToken).ConfigureAwait(false);
        return output.OperationId ?? string.Empty;
    }

    public async Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken)
    {
        var output = await _channel.CallAsync(
            "ListTagsForResource",
            new ResourceArnInput(resourceArn),
            CloudMapJsonContext.Default.ResourceArnInput,
            CloudMapJsonContext.Default.TagsOutput,
            cancellationToken).ConfigureAwait(false);
        return (output.Tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
    }

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        _channel.CallAsync(
            "TagResource",
            new TagResourceInput(resourceArn, ToTags(tags)),
            CloudMapJsonContext.Default.TagResourceInput,
            CloudMapJsonContext.Default.EmptyOutput,
            cancellationToken);

    public void Dispose() => _channel.Dispose();

    private static List<CloudMapTag> ToTags(IReadOnlyDictionary<string, string> tags) =>
        [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new CloudMapTag(t.Key, t.Value))];

    private static DiscoveryService ServiceOf(ServiceOutput output, string operation, string? namespaceId) =>
        output.Service is { } service
            ? FromWire(service, namespaceId)
            : throw new AwsApiException(ServiceName, operation, AwsErrorKind.Unknown, "EmptyResponse", "The answer had no service.");

    private static DiscoveryService FromWire(CloudMapServiceShape s, string? namespaceId) => new(
        s.Id ?? string.Empty,
        s.Arn ?? string.Empty,
        s.Name ?? string.Empty,
        s.NamespaceId ?? s.DnsConfig?.NamespaceId ?? namespaceId ?? string.Empty,
        s.DnsConfig?.DnsRecords.FirstOrDefault(r => r.Type == "A") is { } a ? (int)a.TTL : null,
        s.Description);
}
