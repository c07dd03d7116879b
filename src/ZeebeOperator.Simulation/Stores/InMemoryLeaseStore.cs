using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// The lease table in memory, with the same conditional semantics as the DynamoDB store. Shared by every
/// elector of one process (the local run mode, tests), and by the status stores, whose fenced writes check the
/// lease atomically with the write (<see cref="TryWithinTerm"/>), as a DynamoDB transaction does.
/// <see cref="Outage"/> makes every call fail.
/// </summary>
public sealed class InMemoryLeaseStore : ILeaseStore, IDisposable
{
    // A semaphore, not a lock: a fenced file write holds it across its asynchronous I/O.
    private readonly SemaphoreSlim _gate = new(1, 1);
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

    /// <summary>
    /// Runs <paramref name="write"/> only while <paramref name="fence"/>'s term holds its lease, with no lease change in
    /// between (a transaction's <c>ConditionCheck</c> on the lease item); false, without running it, otherwise.
    /// </summary>
    public bool TryWithinTerm(LeaseFence fence, Action write)
    {
        ArgumentNullException.ThrowIfNull(fence);
        _gate.Wait();
        try
        {
            ThrowIfOutage();
            if (!fence.IsHeldBy(_leases.GetValueOrDefault(fence.LeaseName)))
            {
                return false;
            }

            write();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc cref="TryWithinTerm"/>
    public async Task<bool> TryWithinTermAsync(LeaseFence fence, Func<Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fence);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ThrowIfOutage();
            if (!fence.IsHeldBy(_leases.GetValueOrDefault(fence.LeaseName)))
            {
                return false;
            }

            await write();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool IsStillTermOf(LeaseRecord held) =>
        new LeaseFence(held.Name, held.Holder, held.FencingToken).IsHeldBy(_leases.GetValueOrDefault(held.Name));

    private void ThrowIfOutage()
    {
        if (Outage is { } outage)
        {
            throw outage;
        }
    }

    private Task<T?> Run<T>(Func<T?> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _gate.Wait(cancellationToken);
        try
        {
            return Outage is { } outage ? Task.FromException<T?>(outage) : Task.FromResult(body());
        }
        finally
        {
            _gate.Release();
        }
    }
}
