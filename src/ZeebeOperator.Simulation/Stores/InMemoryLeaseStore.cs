using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// The lease table in memory, with the same conditional semantics as the DynamoDB store. Shared by every
/// elector of one process (the local run mode, tests); <see cref="Outage"/> makes every call fail.
/// </summary>
public sealed class InMemoryLeaseStore : ILeaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LeaseRecord> _leases = new(StringComparer.Ordinal);

    /// <summary>When set, every call throws it (the store is unreachable).</summary>
    public Exception? Outage { get; set; }

    public Task<LeaseRecord?> ReadAsync(string leaseName, CancellationToken cancellationToken) =>
        Run(() => _leases.GetValueOrDefault(leaseName), cancellationToken);

    public Task<LeaseRecord?> TryAcquireAsync(LeaseAcquisition acquisition, CancellationToken cancellationToken) =>
        Run(() =>
        {
            var stored = _leases.GetValueOrDefault(acquisition.Name);
            if (stored != acquisition.Observed || (stored is not null && !stored.IsAcquirableBy(acquisition.Candidate, acquisition.Now)))
            {
                return null;
            }

            var acquired = LeaseRecord.Acquired(acquisition.Name, acquisition.Candidate, stored, acquisition.Now, acquisition.Duration);
            _leases[acquisition.Name] = acquired;
            return acquired;
        }, cancellationToken);

    public Task<LeaseRecord?> TryRenewAsync(LeaseRecord held, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        Run(() =>
        {
            if (!IsStillTermOf(held))
            {
                return null;
            }

            var renewed = _leases[held.Name].RenewedAtTime(now, duration);
            _leases[held.Name] = renewed;
            return renewed;
        }, cancellationToken);

    public async Task<bool> ReleaseAsync(LeaseRecord held, CancellationToken cancellationToken) =>
        await Run<bool?>(() =>
        {
            if (!IsStillTermOf(held))
            {
                return false;
            }

            _leases[held.Name] = _leases[held.Name].Released();
            return true;
        }, cancellationToken) == true;

    private bool IsStillTermOf(LeaseRecord held) =>
        _leases.GetValueOrDefault(held.Name) is { } stored && stored.Holder == held.Holder && stored.FencingToken == held.FencingToken && !stored.IsReleased;

    private Task<T?> Run<T>(Func<T?> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (Outage is { } outage)
            {
                return Task.FromException<T?>(outage);
            }

            return Task.FromResult(body());
        }
    }
}
