namespace ZeebeOperator.Simulation.Chaos;

/// <summary>
/// Matches mutating calls with the audit intents written before them: every attempt of a mutating call must
/// consume an intent of the same action that is on record and not yet used by another attempt. A throttled attempt
/// took no effect and is retried under the same intent, so it needs the intent but does not consume it.
/// </summary>
public sealed class AuditLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _pendingIntents = new(StringComparer.Ordinal);
    private readonly List<string> _unaudited = [];

    public long Intents { get; private set; }

    public long AuditedCalls { get; private set; }

    /// <summary>Mutating calls that found no intent on record, in the order they happened.</summary>
    public IReadOnlyList<string> Unaudited
    {
        get
        {
            lock (_gate)
            {
                return [.. _unaudited];
            }
        }
    }

    internal void RecordIntent(string action)
    {
        lock (_gate)
        {
            _pendingIntents[action] = _pendingIntents.GetValueOrDefault(action) + 1;
            Intents++;
        }
    }

    internal void RecordCall(string action, string resource)
    {
        lock (_gate)
        {
            if (_pendingIntents.GetValueOrDefault(action) > 0)
            {
                _pendingIntents[action]--;
                AuditedCalls++;
            }
            else
            {
                _unaudited.Add($"{action} {resource}");
            }
        }
    }

    /// <summary>
    /// An attempt AWS refused before acting on it (throttled): it needs an intent on record, but does not use it
    /// up, because the operator retries the same call under the same intent.
    /// </summary>
    internal void RecordRefusedCall(string action, string resource)
    {
        lock (_gate)
        {
            if (_pendingIntents.GetValueOrDefault(action) <= 0)
            {
                _unaudited.Add($"{action} {resource}");
            }
        }
    }

    /// <summary>A restarted operator starts afresh: intents the dead one wrote but never acted on cover nothing.</summary>
    internal void Restart()
    {
        lock (_gate)
        {
            _pendingIntents.Clear();
        }
    }
}
