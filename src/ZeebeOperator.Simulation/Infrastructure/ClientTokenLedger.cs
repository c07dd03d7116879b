using ZeebeOperator.Core.Desired;

namespace ZeebeOperator.Simulation.Infrastructure;

/// <summary>
/// The idempotency tokens of one service's create calls, remembered like AWS remembers them: for
/// <see cref="SimulationOptions.ClientTokenRetention"/> after the create, whether or not the resource still exists.
/// A create that repeats a remembered token with the same parameters gets the first create's result and creates
/// nothing; with other parameters it is refused. Not thread-safe: guarded by the owning service's lock.
/// </summary>
/// <typeparam name="T">What the first create made (kept even after the resource is deleted).</typeparam>
internal sealed class ClientTokenLedger<T>(TimeSpan retention)
    where T : class
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A request's parameters apart from its token, as a comparable fingerprint.</summary>
    public static string Parameters<TRequest>(TRequest requestWithoutToken) => StableHash.Of(requestWithoutToken);

    /// <summary>
    /// The result of an earlier create with this token and the same parameters, or null when the token is unknown
    /// (never used, or forgotten after the retention).
    /// </summary>
    /// <param name="mismatch">The service's error for a known token with other parameters; gets the first create's result.</param>
    public T? Recall(string token, string parameters, DateTimeOffset now, Func<T, Exception> mismatch)
    {
        if (!_entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (now - entry.CreatedAt >= retention)
        {
            _entries.Remove(token);
            return null;
        }

        return entry.Parameters == parameters ? entry.Created : throw mismatch(entry.Created);
    }

    public void Remember(string token, string parameters, T created, DateTimeOffset now)
    {
        foreach (var expired in _entries.Where(e => now - e.Value.CreatedAt >= retention).Select(e => e.Key).ToList())
        {
            _entries.Remove(expired);
        }

        _entries[token] = new Entry(parameters, created, now);
    }

    private sealed record Entry(string Parameters, T Created, DateTimeOffset CreatedAt);
}
