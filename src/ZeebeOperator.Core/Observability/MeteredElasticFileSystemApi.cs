using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Observability;

internal sealed class MeteredElasticFileSystemApi(IElasticFileSystemApi inner, OperatorMetrics metrics) : IElasticFileSystemApi
{
    private const string Service = "elasticfilesystem";

    public Task<IReadOnlyList<AccessPoint>> DescribeAccessPointsAsync(string fileSystemId, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "DescribeAccessPoints", () => inner.DescribeAccessPointsAsync(fileSystemId, cancellationToken));

    public Task<AccessPoint> CreateAccessPointAsync(CreateAccessPointRequest request, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "CreateAccessPoint", () => inner.CreateAccessPointAsync(request, cancellationToken));

    public Task DeleteAccessPointAsync(string accessPointId, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "DeleteAccessPoint", () => inner.DeleteAccessPointAsync(accessPointId, cancellationToken));

    public Task TagResourceAsync(string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "TagResource", () => inner.TagResourceAsync(resourceId, tags, cancellationToken));
}
