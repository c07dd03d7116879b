namespace ZeebeOperator.Aws.Runtime;

/// <summary>How a hand-written client reaches one AWS service: what the generated SDK package would have hard-coded.</summary>
/// <param name="ServiceId">The SDK service id; AWS_ENDPOINT_URL_{ServiceId upper-cased} overrides its endpoint.</param>
/// <param name="SigningName">The SigV4 service name.</param>
/// <param name="EndpointPrefix">The host prefix of the regional endpoint.</param>
/// <param name="TargetPrefix">The X-Amz-Target prefix for JSON 1.1 services; null for REST-JSON services.</param>
internal sealed record AwsServiceDescriptor(
    string ServiceId,
    string SigningName,
    string EndpointPrefix,
    string ApiVersion,
    string? TargetPrefix)
{
    public static AwsServiceDescriptor Ecs { get; } =
        new("ECS", "ecs", "ecs", "2014-11-13", "AmazonEC2ContainerServiceV20141113");

    public static AwsServiceDescriptor ServiceDiscovery { get; } =
        new("ServiceDiscovery", "servicediscovery", "servicediscovery", "2017-03-14", "Route53AutoNaming_v20170314");

    public static AwsServiceDescriptor ElasticFileSystem { get; } =
        new("EFS", "elasticfilesystem", "elasticfilesystem", "2015-02-01", null);

    public bool IsJsonRpc => TargetPrefix is not null;
}
