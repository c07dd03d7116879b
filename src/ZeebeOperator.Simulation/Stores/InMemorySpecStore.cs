using System.Security.Cryptography;
using System.Text;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Events;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// The spec bucket in memory, with S3's semantics: ETag = quoted MD5 hex of the body, keys listed in order,
/// conditional writes (If-None-Match: * and If-Match) that fail with 412 PreconditionFailed.
/// </summary>
public sealed class InMemorySpecStore : ISpecStore
{
    private const string Service = AwsServices.S3;

    private readonly Lock _gate = new();
    private readonly SimulationContext _context;
    private readonly SortedDictionary<string, StoredSpec> _objects = new(StringComparer.Ordinal);

    public InMemorySpecStore(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>A store of its own, without faults shared with other simulated services.</summary>
    public InMemorySpecStore(TimeProvider timeProvider)
        : this(new SimulationContext(timeProvider, new SimulationOptions()))
    {
    }

    /// <summary>The S3 ETag of a body: the quoted MD5 hex digest of its UTF-8 bytes.</summary>
#pragma warning disable CA5351 // S3 defines the ETag of a single-part object as its MD5; nothing here relies on it for security.
    public static string ComputeETag(string body) =>
        $"\"{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)))}\"";
#pragma warning restore CA5351

    /// <summary>Writes unconditionally, outside the call log and fault injection (seeding); returns the ETag.</summary>
    public string Put(string key, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(body);
        lock (_gate)
        {
            return Store(key, body);
        }
    }

    /// <summary>Removes an object (seeding and tests); returns false when it was absent.</summary>
    public bool Delete(string key)
    {
        lock (_gate)
        {
            var removed = _objects.Remove(key);
            if (removed)
            {
                Announce(key, null, 0);
            }

            return removed;
        }
    }

    /// <summary>Loads every <c>*.json</c> file of a folder (not its subfolders), key = file name; returns the keys.</summary>
    public IReadOnlyList<string> LoadDirectory(string path)
    {
        var keys = new List<string>();
        foreach (var file in Directory.EnumerateFiles(path, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var key = Path.GetFileName(file);
            Put(key, File.ReadAllText(file));
            keys.Add(key);
        }

        return keys;
    }

    public Task<IReadOnlyList<SpecObject>> ListAsync(CancellationToken cancellationToken) =>
        Invoke("ListObjectsV2", mutating: false, cancellationToken: cancellationToken, body: () =>
            (IReadOnlyList<SpecObject>)_objects.Select(o => new SpecObject(o.Key, o.Value.ETag, o.Value.LastModified)).ToArray());

    public Task<SpecContent> GetAsync(string key, CancellationToken cancellationToken) =>
        Invoke("GetObject", mutating: false, cancellationToken: cancellationToken, body: () =>
            _objects.TryGetValue(key, out var stored)
                ? new SpecContent(key, stored.ETag, stored.Body)
                : throw NoSuchKey("GetObject"));

    public Task<string> PutAsync(string key, string body, WriteCondition condition, CancellationToken cancellationToken) =>
        Invoke("PutObject", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            ArgumentNullException.ThrowIfNull(body);
            var exists = _objects.TryGetValue(key, out var current);
            if (condition.IfNoneMatch && exists)
            {
                throw PreconditionFailed("If-None-Match");
            }

            if (condition.IfMatch is { } ifMatch)
            {
                if (!exists)
                {
                    throw NoSuchKey("PutObject");
                }

                if (current!.ETag != Quote(ifMatch))
                {
                    throw PreconditionFailed("If-Match");
                }
            }

            return Store(key, body);
        });

    private Task<T> Invoke<T>(string operation, bool mutating, Func<T> body, CancellationToken cancellationToken) =>
        _context.InvokeAsync(Service, operation, mutating, () =>
        {
            lock (_gate)
            {
                return body();
            }
        }, cancellationToken);

    private string Store(string key, string body)
    {
        var etag = ComputeETag(body);
        var now = _context.Time.GetUtcNow();
        var lastModified = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        _objects[key] = new StoredSpec(body, etag, lastModified);
        Announce(key, etag, Encoding.UTF8.GetByteCount(body));
        return etag;
    }

    /// <summary>The object event S3 sends for a write (an ETag) or a deletion (none).</summary>
    private void Announce(string key, string? etag, long size)
    {
        var events = _context.Events;
        if (events.Enabled)
        {
            events.Publish(_context.Envelopes.ObjectEvent(events.S3Delivery, SimulatedEventQueue.SpecBucket, key, etag, size, created: etag is not null, _context.Time.GetUtcNow()));
        }
    }

    private static string Quote(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";

    private static AwsApiException NoSuchKey(string operation) =>
        AwsErrors.Create(Service, operation, AwsErrorKind.NotFound, "NoSuchKey", "The specified key does not exist.");

    private static AwsApiException PreconditionFailed(string header) =>
        AwsErrors.Create(Service, "PutObject", AwsErrorKind.Conflict, "PreconditionFailed", $"At least one of the pre-conditions you specified did not hold ({header}).");

    private sealed record StoredSpec(string Body, string ETag, DateTimeOffset LastModified);
}
