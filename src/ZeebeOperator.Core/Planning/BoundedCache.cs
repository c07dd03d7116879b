namespace ZeebeOperator.Core.Planning;

/// <summary>A thread-safe map that holds at most <c>capacity</c> entries (at least one), dropping the oldest first.</summary>
internal sealed class BoundedCache<TValue>(int capacity)
    where TValue : class
{
    private readonly Lock _gate = new();
    private readonly int _capacity = Math.Max(1, capacity);
    private readonly Dictionary<string, (TValue Value, LinkedListNode<string> Position)> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _oldestFirst = new();

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
            return _entries.TryGetValue(key, out var entry) ? entry.Value : null;
        }
    }

    public void Set(string key, TValue value)
    {
        lock (_gate)
        {
            var position = _entries.TryGetValue(key, out var existing) ? existing.Position : _oldestFirst.AddLast(key);
            _entries[key] = (value, position);
            if (_entries.Count > _capacity)
            {
                _entries.Remove(_oldestFirst.First!.Value);
                _oldestFirst.RemoveFirst();
            }
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var removed))
            {
                _oldestFirst.Remove(removed.Position);
            }
        }
    }
}
