namespace ZeebeOperator.Simulation.Infrastructure;

/// <summary>Every call made to the simulation, in order; thread-safe. Chaos and seeding helpers are not recorded.</summary>
public sealed class ApiCallLog(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly List<ApiCall> _calls = [];
    private long _sequence;

    /// <summary>The sequence number the next call will get; pass it to <see cref="Since"/> to see what happened after now.</summary>
    public long Mark()
    {
        lock (_gate)
        {
            return _sequence + 1;
        }
    }

    public IReadOnlyList<ApiCall> Snapshot()
    {
        lock (_gate)
        {
            return _calls.ToArray();
        }
    }

    /// <summary>The calls with a sequence number at or after <paramref name="mark"/>.</summary>
    public IReadOnlyList<ApiCall> Since(long mark)
    {
        lock (_gate)
        {
            return _calls.Where(c => c.Sequence >= mark).ToArray();
        }
    }

    /// <summary>Mutating calls (attempts, failed ones included).</summary>
    public IReadOnlyList<ApiCall> Mutating => Snapshot().Where(c => c.Mutating).ToArray();

    public int CountMutating() => Snapshot().Count(c => c.Mutating);

    /// <summary>Mutating calls to one service (e.g. <c>ecs</c>).</summary>
    public int CountMutating(string service) => Snapshot().Count(c => c.Mutating && c.Service == service);

    /// <summary>Calls of an operation, named bare (<c>CreateService</c>) or qualified (<c>ecs:CreateService</c>).</summary>
    public int Count(string operation) => Snapshot().Count(c => c.Matches(operation));

    public int CountFailed() => Snapshot().Count(c => c.Outcome == ApiCallOutcome.Failed);

    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _calls.Count;
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    internal void Record(string service, string operation, bool mutating, string? errorCode)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            _calls.Add(new ApiCall(
                ++_sequence,
                now,
                service,
                operation,
                mutating,
                errorCode is null ? ApiCallOutcome.Succeeded : ApiCallOutcome.Failed,
                errorCode));
        }
    }
}
