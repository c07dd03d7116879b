using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util;

namespace ZeebeOperator.Aws.Runtime;

/// <summary>The pipeline handler that feeds the endpoint provider, like a generated client's endpoint resolver.</summary>
internal sealed class HandWrittenEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
    {
        var config = requestContext.ClientConfig;
        var parameters = new EndpointParameters();
        var region = requestContext.Request.AlternateEndpoint?.SystemName ?? config.RegionEndpoint?.SystemName;
        if (region is null && !string.IsNullOrEmpty(config.ServiceURL))
        {
            region = !string.IsNullOrEmpty(config.AuthenticationRegion)
                ? config.AuthenticationRegion
                : RegionEndpoint.GetBySystemName(AWSSDKUtils.DetermineRegion(config.ServiceURL)).SystemName;
        }

        parameters[HandWrittenEndpointProvider.RegionKey] = region;
        parameters[HandWrittenEndpointProvider.UseFipsKey] = config.UseFIPSEndpoint;
        parameters[HandWrittenEndpointProvider.UseDualStackKey] = config.UseDualstackEndpoint;
        parameters[HandWrittenEndpointProvider.EndpointKey] = config.ServiceURL;
        return parameters;
    }
}
