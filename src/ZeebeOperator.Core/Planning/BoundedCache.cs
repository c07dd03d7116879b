namespace ZeebeOperator.Core.Planning;

/// <summary>A thread-safe map that holds at most <c>capacity</c> entries, dropping the oldest first.</summary>
internal sealed class BoundedCache<TValue>(int capacity)
    where TValue : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public TValue? Get(string key)
    {
        lock (_gate)
        {
            return _entries.GetValueOrDefault(key);
        }
    }

    public void Set(string key, TValue value)
    {
        lock (_gate)
        {
            if (!_entries.ContainsKey(key))
            {
                _order.Enqueue(key);
            }

            _entries[key] = value;
            while (_entries.Count > Math.Max(1, capacity) && _order.TryDequeue(out var oldest))
            {
                _entries.Remove(oldest);
            }
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            // The key stays in the order queue until it comes up; removing a stale key then is a no-op.
            _entries.Remove(key);
        }
    }
}
