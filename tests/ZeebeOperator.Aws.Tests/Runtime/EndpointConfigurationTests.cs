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

    [Fact]
    public async Task One_endpoint_url_reaches_all_five_services()
    {
        await using var server = new LoopbackHttpServer(request => request.Header("X-Amz-Target") switch
        {
            null when request.Path.StartsWith("/2015-02-01/", StringComparison.Ordinal) => new CannedResponse(200, "{\"AccessPoints\":[]}", null, "application/json"),
            null => new CannedResponse(200, "<ListBucketResult><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>", null, "application/xml"),
            { } target when target.StartsWith("DynamoDB_", StringComparison.Ordinal) => new CannedResponse(200, "{\"TableNames\":[]}", null, "application/x-amz-json-1.0"),
            { } target when target.StartsWith("Route53AutoNaming", StringComparison.Ordinal) => CannedResponse.Json("{\"Services\":[]}"),
            _ => CannedResponse.Json("{\"taskArns\":[]}"),
        });
        var factory = Capture.Factory(server.Url);

        await factory.CreateS3().ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = "zeebe-specs" });
        await factory.CreateDynamoDb().ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest());
        await factory.CreateEcs().ListTasksAsync(Samples.Cluster, "orders-broker-1", default);
        await factory.CreateServiceDiscovery().ListServicesAsync(Samples.NamespaceId, default);
        await factory.CreateElasticFileSystem().DescribeAccessPointsAsync(Samples.FileSystemId, default);

        Assert.Equal(
            ["dynamodb", "ecs", "elasticfilesystem", "s3", "servicediscovery"],
            server.Requests.Select(r => r.Header("Authorization")!.Split('/')[3]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_explicit_endpoint_url_beats_the_service_variables()
    {
        await using var configured = new LoopbackHttpServer(_ => CannedResponse.Json("{\"taskArns\":[]}"));
        await using var fromVariable = new LoopbackHttpServer(_ => CannedResponse.Json("{\"taskArns\":[]}"));
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_ECS", fromVariable.Url);
        try
        {
            await Capture.Factory(configured.Url).CreateEcs().ListTasksAsync(Samples.Cluster, "orders-broker-1", default);

            Assert.Single(configured.Requests);
            Assert.Empty(fromVariable.Requests);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_ECS", null);
        }
    }

    [Fact]
    public async Task A_service_variable_beats_the_global_variable()
    {
        await using var global = new LoopbackHttpServer(_ => CannedResponse.Json("{\"taskArns\":[]}"));
        await using var ecs = new LoopbackHttpServer(_ => CannedResponse.Json("{\"taskArns\":[]}"));
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", global.Url);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_ECS", ecs.Url);
        try
        {
            var options = Options.Create(new AwsOptions { Region = "eu-central-1", SpecBucket = "b" });
            var factory = new AwsClientFactory(options, new BasicAWSCredentials(Capture.AccessKey, "secret"));

            await factory.CreateEcs().ListTasksAsync(Samples.Cluster, "orders-broker-1", default);

            Assert.Single(ecs.Requests);
            Assert.Empty(global.Requests);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", null);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_ECS", null);
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
