using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Leadership;

/// <summary>
/// Competes for the lease in <see cref="ILeaseStore"/> every <see cref="LeaderElectionOptions.RetryPeriod"/>; while
/// leading, renews it at the same pace. A term ends the moment a renewal has not succeeded within
/// <see cref="LeaderElectionOptions.RenewDeadline"/> of its start (a timer, so a hung store call cannot delay it),
/// when the lease turns out to be someone else's, or on shutdown (then the lease is released for a fast handover).
/// Ending a term cancels <see cref="LeadershipTerm.Lost"/>, to which every reconcile is linked, and
/// <see cref="EnsureCurrent"/> refuses the old token from then on, and also once the deadline has passed on the
/// clock even if the timer has not run yet (a paused process).
/// Since the lease expires <see cref="LeaderElectionOptions.LeaseDuration"/> after the renewal started, the
/// leader stops <c>LeaseDuration - RenewDeadline</c> before anyone else can take over.
/// </summary>
public sealed partial class LeaderElector(
    ILeaseStore store,
    IOptions<LeaderElectionOptions> options,
    TimeProvider time,
    ILogger<LeaderElector> logger) : ILeadership, IFencingTokenSource
{
    private readonly LeaderElectionOptions _options = options.Value;
    private readonly Lock _gate = new();
    private Term? _term;
    private long _lastToken;
    private LeadershipRole _role = LeadershipRole.Stopped;
    private TaskCompletionSource<LeadershipTerm> _leading = NewSignal();
    private LeaseRecord? _observed;
    private DateTimeOffset? _lastStoreContact;
    private DateTimeOffset? _lastLoopRun;

    public string Identity { get; } = options.Value.Identity ?? LeaderIdentity.Default();

    public string LeaseName => _options.LeaseName;

    public bool IsLeader => ValidTerm() is not null;

    public long? FencingToken => ValidTerm()?.Lease.FencingToken;

    public long CurrentToken
    {
        get
        {
            lock (_gate)
            {
                return _lastToken;
            }
        }
    }

    public void EnsureCurrent(long token)
    {
        var term = ValidTerm();
        if (term is null || term.Lease.FencingToken != token)
        {
            throw new LeadershipLostException(token, term is null ? "this instance is not the leader" : $"a newer term (token {term.Lease.FencingToken}) began");
        }
    }

    public LeaseFence FenceFor(long token) => new(LeaseName, Identity, token);

    public LeadershipSnapshot Snapshot()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var leading = _term is { } term && term.IsValidAt(now);
            var holder = _observed is { } observed && observed.IsHeldAt(now) ? observed.Holder : null;
            return new LeadershipSnapshot(
                Identity,
                _role,
                leading,
                leading ? _term!.Lease.FencingToken : null,
                holder,
                _lastStoreContact,
                _lastLoopRun);
        }
    }

    public Task<LeadershipTerm> WaitForLeadershipAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _leading.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The election loop; returns when <paramref name="stoppingToken"/> is cancelled, after releasing the lease.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        LogStarted(Identity, LeaseName, _options.LeaseDuration, _options.RenewDeadline, _options.RetryPeriod);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                await WaitAsync(_options.RetryPeriod, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await StepDownAndReleaseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One round: renew while leading, otherwise try to acquire. Store failures are logged, never thrown.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        Term? term;
        lock (_gate)
        {
            _lastLoopRun = time.GetUtcNow();
            term = _term;
            if (_role == LeadershipRole.Stopped)
            {
                _role = LeadershipRole.Standby;
            }
        }

        try
        {
            await (term is null ? TryAcquireAsync(cancellationToken) : RenewAsync(term, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreFailed(LeaseName, term is null ? "acquire" : "renew", ex.Message);
        }
    }

    private async Task TryAcquireAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var observed = await store.ReadAsync(LeaseName, cancellationToken).ConfigureAwait(false);
        Observe(observed, now);
        if (observed is not null && !observed.IsAcquirableBy(Identity, now))
        {
            return;
        }

        var acquired = await store.TryAcquireAsync(new LeaseAcquisition(LeaseName, Identity, now, _options.LeaseDuration, observed), cancellationToken)
            .ConfigureAwait(false);
        Observe(acquired, now);
        if (acquired is null)
        {
            LogLostRace(LeaseName);
            return;
        }

        BeginTerm(acquired, now);
    }

    private void BeginTerm(LeaseRecord lease, DateTimeOffset renewStartedAt)
    {
        var validUntil = renewStartedAt + _options.RenewDeadline;
        var remaining = validUntil - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            // The store answered too late to act safely; the next round takes the (own) lease again with a new token.
            LogAnsweredTooLate(LeaseName, lease.FencingToken);
            return;
        }

        // Not disposed: its token is handed to every reconcile of the term and must stay usable after the term.
        var lost = new CancellationTokenSource(remaining, time);
        var term = new Term(lease, validUntil, lost);
        TaskCompletionSource<LeadershipTerm> signal;
        lock (_gate)
        {
            _term = term;
            _role = LeadershipRole.Leader;
            _lastToken = lease.FencingToken;
            signal = _leading;
        }

        lost.Token.Register(() => EndTerm(term, $"no successful renewal within the renew deadline ({_options.RenewDeadline})"));
        LogAcquired(Identity, LeaseName, lease.FencingToken);
        signal.TrySetResult(new LeadershipTerm(lease.FencingToken, lost.Token));
    }

    private async Task RenewAsync(Term term, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var renewed = await store.TryRenewAsync(term.Lease, startedAt, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        Observe(renewed, startedAt);
        if (renewed is null)
        {
            EndTerm(term, "the lease is no longer this instance's term (taken over or changed)");
            return;
        }

        lock (_gate)
        {
            if (_term != term)
            {
                return;
            }

            term.Lease = renewed;
            term.ValidUntil = startedAt + _options.RenewDeadline;
        }

        var remaining = term.ValidUntil - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            EndTerm(term, "the renewal was answered after the renew deadline");
            return;
        }

        term.Lost.CancelAfter(remaining);
        LogRenewed(LeaseName, renewed.FencingToken);
    }

    private void EndTerm(Term term, string reason, bool shuttingDown = false)
    {
        lock (_gate)
        {
            if (_term != term)
            {
                return;
            }

            _term = null;
            if (_role == LeadershipRole.Leader)
            {
                _role = LeadershipRole.Standby;
            }

            if (_leading.Task.IsCompleted)
            {
                _leading = NewSignal();
            }
        }

        if (shuttingDown)
        {
            LogSteppingDown(Identity, term.Lease.FencingToken);
        }
        else
        {
            LogLost(Identity, term.Lease.FencingToken, reason);
        }

        term.Lost.Cancel();
    }

    private async Task StepDownAndReleaseAsync()
    {
        Term? term;
        lock (_gate)
        {
            term = _term;
            _role = LeadershipRole.Stopped;
        }

        if (term is null)
        {
            return;
        }

        EndTerm(term, "shutting down", shuttingDown: true);
        try
        {
            if (await store.ReleaseAsync(term.Lease, CancellationToken.None).ConfigureAwait(false))
            {
                LogReleased(Identity, LeaseName, term.Lease.FencingToken);
            }
        }
        catch (Exception ex)
        {
            LogStoreFailed(LeaseName, "release", ex.Message);
        }
    }

    private void Observe(LeaseRecord? record, DateTimeOffset now)
    {
        LeaseRecord? previous;
        lock (_gate)
        {
            _lastStoreContact = time.GetUtcNow();
            previous = _observed;
            if (record is not null)
            {
                _observed = record;
            }
        }

        if (record is not null && record.Holder != Identity && record.IsHeldAt(now)
            && (previous is null || previous.Holder != record.Holder || previous.FencingToken != record.FencingToken))
        {
            LogObservedLeader(LeaseName, record.Holder, record.FencingToken, record.ExpiresAt);
        }
    }

    private Term? ValidTerm()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _term is { } term && term.IsValidAt(now) ? term : null;
        }
    }

    /// <summary>
    /// Like <c>Task.Delay</c> on <see cref="TimeProvider"/>, but the next round runs inline in the timer's callback,
    /// so a manual clock's advance runs it before returning (deterministic tests), and a paused timer holds it back.
    /// </summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var due = new TaskCompletionSource();
        await using var timer = time.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), due, delay, Timeout.InfiniteTimeSpan);
        await using var registration = cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), due);
        await due.Task.ConfigureAwait(false);
    }

    private static TaskCompletionSource<LeadershipTerm> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Term(LeaseRecord lease, DateTimeOffset validUntil, CancellationTokenSource lost)
    {
        public LeaseRecord Lease { get; set; } = lease;

        public DateTimeOffset ValidUntil { get; set; } = validUntil;

        public CancellationTokenSource Lost { get; } = lost;

        public bool IsValidAt(DateTimeOffset now) => now < ValidUntil && !Lost.IsCancellationRequested;
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Leader election: {Identity} competes for lease {LeaseName} (duration {LeaseDuration}, renew deadline {RenewDeadline}, retry {RetryPeriod})")]
    private partial void LogStarted(string identity, string leaseName, TimeSpan leaseDuration, TimeSpan renewDeadline, TimeSpan retryPeriod);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Leader election: {Identity} is now the leader of lease {LeaseName} with fencing token {FencingToken}")]
    private partial void LogAcquired(string identity, string leaseName, long fencingToken);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Leader election: {Identity} stopped leading (fencing token {FencingToken}): {Reason}; in-flight work is cancelled")]
    private partial void LogLost(string identity, long fencingToken, string reason);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Leader election: {Identity} released lease {LeaseName} (fencing token {FencingToken}) for a fast handover")]
    private partial void LogReleased(string identity, string leaseName, long fencingToken);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Leader election: lease {LeaseName} is held by {Holder} (fencing token {FencingToken}, expires {ExpiresAt:O}); standing by")]
    private partial void LogObservedLeader(string leaseName, string holder, long fencingToken, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "Leader election: the lease store failed to {Operation} lease {LeaseName}: {ErrorMessage}")]
    private partial void LogStoreFailed(string leaseName, string operation, string errorMessage);

    [LoggerMessage(EventId = 606, Level = LogLevel.Debug, Message = "Leader election: another instance took lease {LeaseName} first")]
    private partial void LogLostRace(string leaseName);

    [LoggerMessage(EventId = 607, Level = LogLevel.Warning, Message = "Leader election: lease {LeaseName} (fencing token {FencingToken}) was granted after the renew deadline; not acting on it")]
    private partial void LogAnsweredTooLate(string leaseName, long fencingToken);

    [LoggerMessage(EventId = 609, Level = LogLevel.Information, Message = "Leader election: {Identity} steps down (fencing token {FencingToken}) because the operator is stopping")]
    private partial void LogSteppingDown(string identity, long fencingToken);

    [LoggerMessage(EventId = 608, Level = LogLevel.Trace, Message = "Leader election: renewed lease {LeaseName} (fencing token {FencingToken})")]
    private partial void LogRenewed(string leaseName, long fencingToken);
}
