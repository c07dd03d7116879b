using Amazon;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.Ecs;
using ZeebeOperator.Aws.Efs;
using ZeebeOperator.Aws.Runtime;
using ZeebeOperator.Aws.ServiceDiscovery;

namespace ZeebeOperator.Aws;

/// <summary>
/// Builds every client from <see cref="AwsOptions"/> the same way: region, profile, endpoint override, retries,
/// timeout, and either the default credential chain or explicit credentials (tests).
/// </summary>
public sealed class AwsClientFactory(IOptions<AwsOptions> options, AWSCredentials? credentials = null)
{
    private readonly AwsOptions _options = options.Value;

    public IAmazonS3 CreateS3()
    {
        var config = Configure(new AmazonS3Config());
        config.ForcePathStyle = _options.S3ForcePathStyle ?? !string.IsNullOrEmpty(_options.EndpointUrl);
        if (!string.IsNullOrEmpty(_options.EndpointUrl))
        {
            // AWS-compatible endpoints rarely accept the streaming trailing checksums the SDK adds by default.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    public IAmazonDynamoDB CreateDynamoDb()
    {
        var config = Configure(new AmazonDynamoDBConfig());
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    public IAmazonSQS CreateSqs()
    {
        var config = Configure(new AmazonSQSConfig());
        return credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(credentials, config);
    }

    public IAmazonEC2 CreateEc2()
    {
        var config = Configure(new AmazonEC2Config());
        return credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(credentials, config);
    }

    public EcsApiClient CreateEcs() => new(CreateHandWritten(AwsServiceDescriptor.Ecs));

    public ServiceDiscoveryApiClient CreateServiceDiscovery() => new(CreateHandWritten(AwsServiceDescriptor.ServiceDiscovery));

    public ElasticFileSystemApiClient CreateElasticFileSystem() => new(CreateHandWritten(AwsServiceDescriptor.ElasticFileSystem));

    internal HandWrittenServiceClient CreateHandWritten(AwsServiceDescriptor service)
    {
        var config = Configure(new HandWrittenClientConfig(service));
        return credentials is null ? new HandWrittenServiceClient(config) : new HandWrittenServiceClient(credentials, config);
    }

    private T Configure<T>(T config)
        where T : ClientConfig
    {
        if (!string.IsNullOrEmpty(_options.Profile))
        {
            config.Profile = new Profile(_options.Profile);
        }

        if (!string.IsNullOrEmpty(_options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(_options.Region);
        }

        if (!string.IsNullOrEmpty(_options.EndpointUrl))
        {
            // ServiceURL replaces the region endpoint, so the region is kept as the signing region.
            config.ServiceURL = _options.EndpointUrl;
            config.AuthenticationRegion = string.IsNullOrEmpty(_options.Region) ? null : _options.Region;
        }
        else if (!string.IsNullOrEmpty(_options.Region))
        {
            // AWS_ENDPOINT_URL(_SERVICE) may still set ServiceURL later; sign for the configured region then too.
            config.AuthenticationRegion = _options.Region;
        }

        config.MaxErrorRetry = _options.MaxErrorRetry;
        if (_options.Timeout is { } timeout)
        {
            config.Timeout = timeout;
        }

        return config;
    }
}
