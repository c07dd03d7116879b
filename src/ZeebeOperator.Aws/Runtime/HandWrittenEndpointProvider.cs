using Amazon.Runtime.Endpoints;

namespace ZeebeOperator.Aws.Runtime;

/// <summary>
/// Resolves the endpoint the way the services' endpoint rule sets do for the commercial, China and GovCloud
/// partitions: an explicit endpoint wins, otherwise <c>https://{prefix}[-fips].{region}.{suffix}</c>.
/// </summary>
internal sealed class HandWrittenEndpointProvider(AwsServiceDescriptor service) : IEndpointProvider
{
    public const string RegionKey = "Region";
    public const string EndpointKey = "Endpoint";
    public const string UseFipsKey = "UseFIPS";
    public const string UseDualStackKey = "UseDualStack";

    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters[EndpointKey] is string explicitEndpoint && explicitEndpoint.Length > 0)
        {
            return new Endpoint(explicitEndpoint);
        }

        if (parameters[RegionKey] is not string region || region.Length == 0)
        {
            throw new Amazon.Runtime.AmazonClientException($"No region is configured for {service.ServiceId}; set Aws:Region or AWS_REGION.");
        }

        var fips = parameters[UseFipsKey] is true ? "-fips" : string.Empty;
        var china = region.StartsWith("cn-", StringComparison.Ordinal);
        var suffix = parameters[UseDualStackKey] is true
            ? (china ? "api.amazonwebservices.com.cn" : "api.aws")
            : (china ? "amazonaws.com.cn" : "amazonaws.com");
        return new Endpoint($"https://{service.EndpointPrefix}{fips}.{region}.{suffix}");
    }
}
