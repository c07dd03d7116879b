using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// A local folder as the spec bucket, for <c>run --local</c>: the top-level <c>*.json</c> files are the objects and
/// every listing reads them afresh, so editing a spec while the operator runs is a commit. ETags are S3's
/// (quoted MD5 of the content); writes honour the same preconditions as S3 and replace files atomically.
/// </summary>
public sealed class DirectorySpecStore(string directory) : ISpecStore
{
    private const string Service = "s3";
    private readonly Lock _writeGate = new();

    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task<IReadOnlyList<SpecObject>> ListAsync(CancellationToken cancellationToken)
    {
        var objects = new List<SpecObject>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var body = await ReadAsync(path, cancellationToken);
            if (body is not null)
            {
                objects.Add(new SpecObject(Path.GetFileName(path), InMemorySpecStore.ComputeETag(body), File.GetLastWriteTimeUtc(path)));
            }
        }

        return objects;
    }

    public async Task<SpecContent> GetAsync(string key, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(PathOf(key), cancellationToken)
            ?? throw new AwsApiException(Service, "GetObject", AwsErrorKind.NotFound, "NoSuchKey", $"The specified key does not exist: {key}");
        return new SpecContent(key, InMemorySpecStore.ComputeETag(body), body);
    }

    public Task<string> PutAsync(string key, string body, WriteCondition condition, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        lock (_writeGate)
        {
            var current = File.Exists(path) ? File.ReadAllText(path) : null;
            if (condition.IfNoneMatch && current is not null)
            {
                throw new AwsApiException(Service, "PutObject", AwsErrorKind.Conflict, "PreconditionFailed", $"{key} already exists");
            }

            if (condition.IfMatch is { } expected && (current is null ? throw NotFound(key) : InMemorySpecStore.ComputeETag(current)) != expected)
            {
                throw new AwsApiException(Service, "PutObject", AwsErrorKind.Conflict, "PreconditionFailed", $"{key} changed since it was read");
            }

            var temporary = path + ".tmp";
            File.WriteAllText(temporary, body);
            File.Move(temporary, path, overwrite: true);
        }

        return Task.FromResult(InMemorySpecStore.ComputeETag(body));
    }

    private static AwsApiException NotFound(string key) =>
        new(Service, "PutObject", AwsErrorKind.NotFound, "NoSuchKey", $"The specified key does not exist: {key}");

    private string PathOf(string key)
    {
        if (key.Contains('/', StringComparison.Ordinal) || key.Contains('\\', StringComparison.Ordinal) || key.StartsWith('.'))
        {
            throw new AwsApiException(Service, "GetObject", AwsErrorKind.InvalidParameter, "InvalidArgument", $"keys are file names in {Directory}: {key}");
        }

        return Path.Combine(Directory, key);
    }

    /// <summary>Null when the file vanished between listing and reading (an editor saving it, say).</summary>
    private static async Task<string?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
