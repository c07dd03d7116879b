using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ZeebeOperator.Aws.Runtime;

/// <summary>
/// A service client on AWSSDK.Core's runtime pipeline: the same marshal → endpoint → auth (SigV4, default
/// credential chain) → retry (standard mode) → HTTP → unmarshal handlers a generated client uses; only the
/// request and response shapes are hand-written.
/// </summary>
internal sealed class HandWrittenServiceClient : AmazonServiceClient
{
    private readonly AwsJsonRequestMarshaller _marshaller;
    private readonly HandWrittenServiceMetadata _metadata;

    /// <summary>Credentials from the default chain (environment, profile, web identity, container, instance).</summary>
    public HandWrittenServiceClient(HandWrittenClientConfig config)
        : base(config)
    {
        Service = config.Service;
        _marshaller = new AwsJsonRequestMarshaller(config.Service);
        _metadata = new HandWrittenServiceMetadata(config.Service.ServiceId);
    }

    public HandWrittenServiceClient(AWSCredentials credentials, HandWrittenClientConfig config)
        : base(credentials, config)
    {
        Service = config.Service;
        _marshaller = new AwsJsonRequestMarshaller(config.Service);
        _metadata = new HandWrittenServiceMetadata(config.Service.ServiceId);
    }

    public AwsServiceDescriptor Service { get; }

    protected override IServiceMetadata ServiceMetadata => _metadata;

    public async Task<byte[]> SendAsync(AwsJsonRequest request, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = _marshaller,
            ResponseUnmarshaller = AwsJsonResponseUnmarshaller.Instance,
        };
        var response = await InvokeAsync<AwsJsonResponse>(request, options, cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new HandWrittenEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthSchemeHandler());
    }
}
