using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Ports;

/// <summary>The Amazon EFS operations the operator uses, shaped like the API.</summary>
public interface IElasticFileSystemApi
{
    /// <summary>DescribeAccessPoints for one file system, all pages, tags included.</summary>
    Task<IReadOnlyList<AccessPoint>> DescribeAccessPointsAsync(string fileSystemId, CancellationToken cancellationToken);

    Task<AccessPoint> CreateAccessPointAsync(CreateAccessPointRequest request, CancellationToken cancellationToken);

    Task DeleteAccessPointAsync(string accessPointId, CancellationToken cancellationToken);

    Task TagResourceAsync(string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);
}
