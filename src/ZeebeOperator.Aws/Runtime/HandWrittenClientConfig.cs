using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace ZeebeOperator.Aws.Runtime;

/// <summary>
/// The <see cref="ClientConfig"/> a generated SDK package would ship for the service: service id (so
/// AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_{SERVICE} and profile endpoint_url apply), signing name, endpoint provider,
/// and the standard retry mode.
/// </summary>
internal sealed class HandWrittenClientConfig : ClientConfig
{
    private static readonly HandWrittenEndpointResolver Resolver = new();

    public HandWrittenClientConfig(AwsServiceDescriptor service)
        : base(new DefaultConfigurationProvider(DefaultConfigurations()))
    {
        Service = service;
        base.ServiceId = service.ServiceId;
        AuthenticationServiceName = service.SigningName;
        EndpointProvider = new HandWrittenEndpointProvider(service);
        RetryMode = RequestRetryMode.Standard;
        UserAgentValue = InternalSDKUtils.BuildUserAgentString(service.ServiceId, "0.1.0");
    }

    public AwsServiceDescriptor Service { get; }

    private string UserAgentValue { get; }

    public override string RegionEndpointServiceName => Service.EndpointPrefix;

    public override string ServiceVersion => Service.ApiVersion;

    public override string UserAgent => UserAgentValue;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        var requestContext = new RequestContext(false)
        {
            ClientConfig = this,
            OriginalRequest = parameters.Request,
            Request = new DefaultRequest(parameters.Request, Service.ServiceId) { AlternateEndpoint = parameters.AlternateEndpoint },
        };
        return Resolver.GetEndpoint(new Amazon.Runtime.Internal.ExecutionContext(requestContext, null));
    }

    private static IEnumerable<IDefaultConfiguration> DefaultConfigurations() =>
        Enum.GetValues<DefaultConfigurationMode>().Select(mode => new DefaultConfiguration
        {
            Name = mode,
            RetryMode = RequestRetryMode.Standard,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
}
