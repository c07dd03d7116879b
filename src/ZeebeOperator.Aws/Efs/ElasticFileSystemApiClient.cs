using System.Text.Json;
using ZeebeOperator.Aws.Runtime;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Aws.Efs;

/// <summary><see cref="IElasticFileSystemApi"/> over Amazon EFS's REST-JSON API, on AWSSDK.Core's pipeline.</summary>
public sealed class ElasticFileSystemApiClient : IElasticFileSystemApi, IDisposable
{
    private const string ServiceName = "EFS";
    private const string AccessPoints = "/2015-02-01/access-points";
    private readonly JsonServiceChannel _channel;

    internal ElasticFileSystemApiClient(HandWrittenServiceClient client) => _channel = new JsonServiceChannel(client, ServiceName);

    public async Task<IReadOnlyList<AccessPoint>> DescribeAccessPointsAsync(string fileSystemId, CancellationToken cancellationToken)
    {
        var accessPoints = new List<AccessPoint>();
        string? nextToken = null;
        do
        {
            List<KeyValuePair<string, string>> query =
            [
                new("FileSystemId", fileSystemId),
                new("MaxResults", "100"),
            ];
            if (!string.IsNullOrEmpty(nextToken))
            {
                query.Add(new("NextToken", nextToken));
            }

            var page = await _channel.SendAsync(
                new AwsJsonRequest("DescribeAccessPoints", null) { HttpMethod = "GET", PathTemplate = AccessPoints, Query = query },
                EfsJsonContext.Default.DescribeAccessPointsOutput,
                cancellationToken).ConfigureAwait(false);
            accessPoints.AddRange((page.AccessPoints ?? []).Select(FromWire));
            nextToken = page.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));

        return accessPoints;
    }

    public async Task<AccessPoint> CreateAccessPointAsync(CreateAccessPointRequest request, CancellationToken cancellationToken)
    {
        var input = new CreateAccessPointInput(
            request.ClientToken,
            request.Tags.Count == 0 ? null : ToTags(request.Tags),
            request.FileSystemId,
            new EfsPosixUser(request.PosixUser.Uid, request.PosixUser.Gid),
            new EfsRootDirectory(
                request.RootPath,
                new EfsCreationInfo(request.PosixUser.Uid, request.PosixUser.Gid, request.CreationPermissions)));
        var body = JsonSerializer.SerializeToUtf8Bytes(input, EfsJsonContext.Default.CreateAccessPointInput);
        var output = await _channel.SendAsync(
            new AwsJsonRequest("CreateAccessPoint", body) { HttpMethod = "POST", PathTemplate = AccessPoints },
            EfsJsonContext.Default.AccessPointShape,
            cancellationToken).ConfigureAwait(false);
        return FromWire(output);
    }

    public Task DeleteAccessPointAsync(string accessPointId, CancellationToken cancellationToken) =>
        _channel.SendAsync(
            new AwsJsonRequest("DeleteAccessPoint", null)
            {
                HttpMethod = "DELETE",
                PathTemplate = AccessPoints + "/{AccessPointId}",
                PathValues = new Dictionary<string, string> { ["AccessPointId"] = accessPointId },
            },
            EfsJsonContext.Default.EmptyOutput,
            cancellationToken);

    public Task TagResourceAsync(string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        _channel.SendAsync(
            new AwsJsonRequest("TagResource", JsonSerializer.SerializeToUtf8Bytes(new TagResourceInput(ToTags(tags)), EfsJsonContext.Default.TagResourceInput))
            {
                HttpMethod = "POST",
                PathTemplate = "/2015-02-01/resource-tags/{ResourceId}",
                PathValues = new Dictionary<string, string> { ["ResourceId"] = resourceId },
            },
            EfsJsonContext.Default.EmptyOutput,
            cancellationToken);

    public void Dispose() => _channel.Dispose();

    private static List<EfsTag> ToTags(IReadOnlyDictionary<string, string> tags) =>
        [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new EfsTag(t.Key, t.Value))];

    private static AccessPoint FromWire(AccessPointShape a) => new(
        a.AccessPointId ?? string.Empty,
        a.AccessPointArn ?? string.Empty,
        a.FileSystemId ?? string.Empty,
        a.RootDirectory?.Path ?? "/",
        a.PosixUser is { } user ? new PosixIdentity(user.Uid, user.Gid) : null,
        a.LifeCycleState ?? string.Empty,
        (a.Tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal));
}
