using System.Text;
using Microsoft.Extensions.Logging;
using ZeebeOperator.Simulation.Events;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// Turns edits in the specs folder of <c>run --local --specs DIR</c> into the S3 object events the spec bucket would
/// send (<see cref="SimulatedEventQueue"/>), so the operator queues the cluster at once, as it does for a commit to S3,
/// instead of at the next listing. An editor's save raises several file events: those of one file within
/// <see cref="Debounce"/> of each other become one event, sent when the file has been quiet that long. Watching is a
/// hint like every event: the listing stays as the safety net, and if the watcher fails (too many watches, the folder
/// removed) it stops with one log line and the listing is all that is left.
/// </summary>
public sealed partial class SpecFolderWatcher : IDisposable
{
    /// <summary>How long a file must be quiet before its event is sent.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly SimulationContext _context;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);
    private readonly ITimer _timer;
    private FileSystemWatcher? _watcher;

    public SpecFolderWatcher(string directory, SimulationContext context, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(logger);
        Directory = Path.GetFullPath(directory);
        _context = context;
        _logger = logger;
        _timer = context.Time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Directory { get; }

    /// <summary>Raised for every file event taken in (tests wait on it rather than sleep).</summary>
    public event Action<string>? Noticed;

    /// <summary>True while the folder is watched.</summary>
    public bool Watching => Volatile.Read(ref _watcher) is not null;

    /// <summary>Starts watching; false (and one log line) when the folder cannot be watched.</summary>
    public bool Start()
    {
        try
        {
            var watcher = new FileSystemWatcher(Directory, "*.json")
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += (_, e) => Notice(e.Name);
            watcher.Changed += (_, e) => Notice(e.Name);
            watcher.Deleted += (_, e) => Notice(e.Name);
            watcher.Renamed += (_, e) =>
            {
                Notice(e.OldName);
                Notice(e.Name);
            };
            watcher.Error += (_, e) => Fail(e.GetException());
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
            LogWatching(Directory);
            return true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            Fail(e);
            return false;
        }
    }

    /// <summary>One file event for <paramref name="name"/> (a file name in the folder): its event is due after <see cref="Debounce"/>.</summary>
    public void Notice(string? name)
    {
        if (name is null || !name.EndsWith(".json", StringComparison.Ordinal) || name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            _pending[name] = _context.Time.GetUtcNow() + Debounce;
            _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
        }

        Noticed?.Invoke(name);
    }

    /// <summary>Sends the events of the files quiet for <see cref="Debounce"/>; comes back for the others.</summary>
    private void Flush()
    {
        List<string> due;
        lock (_gate)
        {
            var now = _context.Time.GetUtcNow();
            due = [.. _pending.Where(p => p.Value <= now).Select(p => p.Key)];
            foreach (var name in due)
            {
                _pending.Remove(name);
            }

            if (_pending.Count > 0)
            {
                var next = _pending.Values.Min() - now;
                _timer.Change(next > TimeSpan.Zero ? next : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }

        foreach (var name in due)
        {
            Announce(name);
        }
    }

    /// <summary>The object event S3 sends: a write with the content's ETag and size, or a deletion.</summary>
    private void Announce(string name)
    {
        var events = _context.Events;
        string? body;
        try
        {
            body = File.ReadAllText(Path.Combine(Directory, name));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            body = null;
        }
        catch (IOException)
        {
            // Still being written: its next file event, or the listing, brings it in.
            return;
        }

        var etag = body is null ? null : InMemorySpecStore.ComputeETag(body);
        var size = body is null ? 0 : Encoding.UTF8.GetByteCount(body);
        events.Publish(_context.Envelopes.ObjectEvent(events.S3Delivery, SimulatedEventQueue.SpecBucket, name, etag, size, created: body is not null, _context.Time.GetUtcNow()));
    }

    private void Fail(Exception? error)
    {
        if (Interlocked.Exchange(ref _watcher, null) is { } watcher)
        {
            watcher.Dispose();
        }

        LogFallingBack(Directory, error?.Message ?? "unknown error");
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _watcher, null)?.Dispose();
        _timer.Dispose();
    }

    [LoggerMessage(EventId = 960, Level = LogLevel.Debug, Message = "Watching {Directory} for spec changes")]
    private partial void LogWatching(string directory);

    [LoggerMessage(EventId = 961, Level = LogLevel.Warning, Message = "Cannot watch {Directory} for spec changes ({Error}); spec edits are picked up by listing it (Operator:SpecPollInterval)")]
    private partial void LogFallingBack(string directory, string error);
}
