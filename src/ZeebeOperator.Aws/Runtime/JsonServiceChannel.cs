using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ZeebeOperator.Aws.Runtime;

/// <summary>Typed calls over a <see cref="HandWrittenServiceClient"/>: serialise the request DTO, send, deserialise the answer, map errors.</summary>
internal sealed class JsonServiceChannel(HandWrittenServiceClient client, string serviceName) : IDisposable
{
    public string ServiceName { get; } = serviceName;

    /// <summary>A JSON 1.1 call (ECS, Cloud Map).</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        SendAsync(new AwsJsonRequest(operation, JsonSerializer.SerializeToUtf8Bytes(request, requestType)), responseType, cancellationToken);

    /// <summary>A REST-JSON call (EFS).</summary>
    public Task<TResponse> SendAsync<TResponse>(AwsJsonRequest request, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        AwsErrorMapper.GuardAsync(
            ServiceName,
            request.Operation,
            async () =>
            {
                var body = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                return JsonSerializer.Deserialize(body.Length == 0 ? "{}"u8 : body, responseType)
                    ?? throw new JsonException($"{ServiceName} {request.Operation} returned an empty document.");
            },
            cancellationToken);

    public void Dispose() => client.Dispose();
}
