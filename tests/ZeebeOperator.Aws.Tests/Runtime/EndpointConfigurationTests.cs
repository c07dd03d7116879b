using Amazon.Runtime;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.Runtime;
using ZeebeOperator.Aws.Tests.Contract;
using ZeebeOperator.Aws.Tests.Infrastructure;

namespace ZeebeOperator.Aws.Tests.Runtime;

[CollectionDefinition(nameof(EnvironmentVariables), DisableParallelization = true)]
public sealed class EnvironmentVariables;

/// <summary>Endpoint resolution: the SDK's AWS_ENDPOINT_URL_{SERVICE} variables, and the regional default.</summary>
[Collection(nameof(EnvironmentVariables))]
public sealed class EndpointConfigurationTests
{
    [Theory]
    [InlineData("AWS_ENDPOINT_URL_ECS")]
    [InlineData("AWS_ENDPOINT_URL")]
    public async Task Service_endpoint_variables_override_the_regional_endpoint(string variable)
    {
        await using var server = new LoopbackHttpServer(_ => CannedResponse.Json("{\"taskArns\":[]}"));
        Environment.SetEnvironmentVariable(variable, server.Url);
        try
        {
            var options = Options.Create(new AwsOptions { Region = "eu-central-1", SpecBucket = "b" });
            using var ecs = new AwsClientFactory(options, new BasicAWSCredentials(Capture.AccessKey, "secret")).CreateEcs();

            await ecs.ListTasksAsync(Samples.Cluster, "orders-broker-1", default);

            var request = Assert.Single(server.Requests);
            Assert.Contains("/eu-central-1/ecs/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData("ECS", "eu-west-1", false, "https://ecs.eu-west-1.amazonaws.com")]
    [InlineData("ServiceDiscovery", "us-east-1", true, "https://servicediscovery-fips.us-east-1.amazonaws.com")]
    [InlineData("EFS", "cn-north-1", false, "https://elasticfilesystem.cn-north-1.amazonaws.com.cn")]
    public void Regional_endpoints_follow_the_partition(string serviceId, string region, bool fips, string expected)
    {
        var service = serviceId switch
        {
            "ECS" => AwsServiceDescriptor.Ecs,
            "ServiceDiscovery" => AwsServiceDescriptor.ServiceDiscovery,
            _ => AwsServiceDescriptor.ElasticFileSystem,
        };
        var parameters = new Amazon.Runtime.Endpoints.EndpointParameters
        {
            [HandWrittenEndpointProvider.RegionKey] = region,
            [HandWrittenEndpointProvider.UseFipsKey] = fips,
            [HandWrittenEndpointProvider.UseDualStackKey] = false,
        };

        Assert.Equal(expected, new HandWrittenEndpointProvider(service).ResolveEndpoint(parameters).URL);
    }
}
