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

            if (_order.Count > 2 * Math.Max(1, capacity))
            {
                CompactOrder();
            }
        }
    }

    /// <summary>Drops removed keys and older duplicates from the order queue, so removals cannot make it grow without end.</summary>
    private void CompactOrder()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var newestFirst = _order.Reverse().Where(k => _entries.ContainsKey(k) && seen.Add(k)).ToList();
        _order.Clear();
        for (var i = newestFirst.Count - 1; i >= 0; i--)
        {
            _order.Enqueue(newestFirst[i]);
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
