using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Ports;

/// <summary>The Amazon EFS operations the operator uses, shaped like the API.</summary>
public interface IElasticFileSystemApi
{
    /// <summary>DescribeAccessPoints for one file system, all pages, tags included.</summary>
    [AwsOperation("elasticfilesystem", "DescribeAccessPoints")]
    Task<IReadOnlyList<AccessPoint>> DescribeAccessPointsAsync([Target] string fileSystemId, CancellationToken cancellationToken);

    [AwsOperation("elasticfilesystem", "CreateAccessPoint", Mutates = true)]
    Task<AccessPoint> CreateAccessPointAsync([Target(nameof(CreateAccessPointRequest.RootPath))] CreateAccessPointRequest request, CancellationToken cancellationToken);

    [AwsOperation("elasticfilesystem", "DeleteAccessPoint", Mutates = true)]
    Task DeleteAccessPointAsync([Target] string accessPointId, CancellationToken cancellationToken);

    [AwsOperation("elasticfilesystem", "TagResource", Mutates = true)]
    Task TagResourceAsync([Target] string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);
}
