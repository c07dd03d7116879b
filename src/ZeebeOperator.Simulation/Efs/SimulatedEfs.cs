using System.Text.RegularExpressions;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Efs;

/// <summary>
/// Amazon EFS access points in memory: ClientToken idempotency (a token is remembered after its access point is
/// deleted: repeating it returns the deleted access point), "creating" in the create response, "available" once
/// <see cref="SimulationOptions.AccessPointCreateDelay"/> has passed (at once by default); the per-file-system quota.
/// </summary>
public sealed partial class SimulatedEfs : IElasticFileSystemApi
{
    private const string Service = AwsServices.Efs;
    private const int MaxTags = 50;

    private readonly Lock _gate = new();
    private readonly SimulationContext _context;
    private readonly Dictionary<string, Dictionary<string, string>> _fileSystems = new(StringComparer.Ordinal);
    private readonly List<AccessPointState> _accessPoints = [];
    private readonly ClientTokenLedger<AccessPointState> _clientTokens;

    public SimulatedEfs(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _clientTokens = new ClientTokenLedger<AccessPointState>(context.Options.ClientTokenRetention);
    }

    /// <summary>Creates a file system with that id (no-op when it exists).</summary>
    public void AddFileSystem(string fileSystemId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileSystemId);
        lock (_gate)
        {
            _fileSystems.TryAdd(fileSystemId, new Dictionary<string, string>(StringComparer.Ordinal));
        }
    }

    /// <summary>Every access point of every file system, for inspection.</summary>
    public IReadOnlyList<AccessPoint> AllAccessPoints()
    {
        var now = _context.Time.GetUtcNow();
        lock (_gate)
        {
            return _accessPoints.Select(a => a.ToSnapshot(now, _context.Options)).ToArray();
        }
    }

    public Task<IReadOnlyList<AccessPoint>> DescribeAccessPointsAsync(string fileSystemId, CancellationToken cancellationToken) =>
        Invoke("DescribeAccessPoints", mutating: false, cancellationToken: cancellationToken, body: now =>
        {
            ResolveFileSystem("DescribeAccessPoints", fileSystemId);
            return (IReadOnlyList<AccessPoint>)_accessPoints
                .Where(a => a.Request.FileSystemId == fileSystemId)
                .Select(a => a.ToSnapshot(now, _context.Options))
                .ToArray();
        });

    public Task<AccessPoint> CreateAccessPointAsync(CreateAccessPointRequest request, CancellationToken cancellationToken) =>
        Invoke("CreateAccessPoint", mutating: true, cancellationToken: cancellationToken, body: now => CreateAccessPoint(request, now));

    public Task DeleteAccessPointAsync(string accessPointId, CancellationToken cancellationToken) =>
        Invoke("DeleteAccessPoint", mutating: true, cancellationToken: cancellationToken, body: _ =>
        {
            var accessPoint = FindAccessPoint("DeleteAccessPoint", accessPointId);
            _accessPoints.Remove(accessPoint);
            return true;
        });

    public Task TagResourceAsync(string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        Invoke("TagResource", mutating: true, cancellationToken: cancellationToken, body: _ =>
        {
            var target = resourceId.StartsWith("fsap-", StringComparison.Ordinal)
                ? FindAccessPoint("TagResource", resourceId).Tags
                : ResolveFileSystem("TagResource", resourceId);
            ValidateTags("TagResource", tags, target);
            foreach (var (key, value) in tags)
            {
                target[key] = value;
            }

            return true;
        });

    private Task<T> Invoke<T>(string operation, bool mutating, Func<DateTimeOffset, T> body, CancellationToken cancellationToken) =>
        _context.InvokeAsync(Service, operation, mutating, () =>
        {
            lock (_gate)
            {
                return body(_context.Time.GetUtcNow());
            }
        }, cancellationToken);

    private AccessPoint CreateAccessPoint(CreateAccessPointRequest request, DateTimeOffset now)
    {
        const string Operation = "CreateAccessPoint";
        Validate(request);
        ResolveFileSystem(Operation, request.FileSystemId);
        var parameters = ClientTokenLedger<AccessPointState>.Parameters(request with { ClientToken = string.Empty });
        var previous = _clientTokens.Recall(request.ClientToken, parameters, now, earlier =>
            AwsErrors.Create(Service, Operation, AwsErrorKind.AlreadyExists, "AccessPointAlreadyExists", $"Access point {earlier.Id} was created with client token {request.ClientToken} and different parameters."));
        if (previous is not null)
        {
            return previous.ToSnapshot(now, _context.Options);
        }

        if (_accessPoints.Count(a => a.Request.FileSystemId == request.FileSystemId) >= _context.Options.MaxAccessPointsPerFileSystem)
        {
            throw AwsErrors.Create(Service, Operation, AwsErrorKind.InvalidParameter, "AccessPointLimitExceeded", $"You have reached the maximum number of access points ({_context.Options.MaxAccessPointsPerFileSystem}) for file system {request.FileSystemId}.");
        }

        var id = _context.Ids.AccessPointId();
        var frozen = request with { Tags = Frozen.Map(request.Tags) };
        var accessPoint = new AccessPointState(frozen, id, _context.Arns.AccessPoint(id), now);
        _accessPoints.Add(accessPoint);
        _clientTokens.Remember(request.ClientToken, parameters, accessPoint, now);
        return accessPoint.ToSnapshot(now, _context.Options) with { LifeCycleState = AccessPointLifeCycle.Creating };
    }

    private static void Validate(CreateAccessPointRequest request)
    {
        const string Operation = "CreateAccessPoint";
        if (request.ClientToken.Length is 0 or > 64)
        {
            throw BadRequest(Operation, "ClientToken must be 1-64 characters.");
        }

        if (!request.RootPath.StartsWith('/') || request.RootPath.Length > 100 || request.RootPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Length > 4)
        {
            throw BadRequest(Operation, "Path must be an absolute path of at most 100 characters and 4 subdirectories.");
        }

        if (!PermissionsPattern().IsMatch(request.CreationPermissions))
        {
            throw BadRequest(Operation, "Permissions must be an octal number of 3 or 4 digits.");
        }

        if (request.PosixUser.Uid is < 0 or > uint.MaxValue || request.PosixUser.Gid is < 0 or > uint.MaxValue)
        {
            throw BadRequest(Operation, "Uid and Gid must be between 0 and 4294967295.");
        }

        ValidateTags(Operation, request.Tags, new Dictionary<string, string>());
    }

    private static void ValidateTags(string operation, IReadOnlyDictionary<string, string> tags, Dictionary<string, string> existing)
    {
        if (existing.Count + tags.Keys.Count(k => !existing.ContainsKey(k)) > MaxTags)
        {
            throw BadRequest(operation, $"A resource can have at most {MaxTags} tags.");
        }

        if (tags.Keys.Any(k => k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)))
        {
            throw BadRequest(operation, "Tag keys with the aws: prefix are reserved.");
        }
    }

    private Dictionary<string, string> ResolveFileSystem(string operation, string fileSystemId)
    {
        if (_fileSystems.TryGetValue(fileSystemId, out var tags))
        {
            return tags;
        }

        if (!_context.Options.AutoCreateInfrastructure)
        {
            throw AwsErrors.Create(Service, operation, AwsErrorKind.NotFound, "FileSystemNotFound", $"File system '{fileSystemId}' does not exist.");
        }

        tags = new Dictionary<string, string>(StringComparer.Ordinal);
        _fileSystems[fileSystemId] = tags;
        return tags;
    }

    private AccessPointState FindAccessPoint(string operation, string accessPointId)
    {
        var id = Arns.LastSegment(accessPointId);
        return _accessPoints.FirstOrDefault(a => a.Id == id)
            ?? throw AwsErrors.Create(Service, operation, AwsErrorKind.NotFound, "AccessPointNotFound", $"Access point '{id}' does not exist.");
    }

    private static AwsApiException BadRequest(string operation, string message) =>
        AwsErrors.Create(Service, operation, AwsErrorKind.InvalidParameter, "BadRequest", message);

    [GeneratedRegex("^[0-7]{3,4}$")]
    private static partial Regex PermissionsPattern();
}
