using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Host.Configuration;
using ZeebeOperator.Host.Controller;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Controller;

/// <summary>The reconcile worker runs only while its instance leads and drops all in-flight work the moment it stops leading.</summary>
public sealed class ReconcileWorkerLeadershipTests : IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryLeaseStore _leases = new();
    private readonly Mock<IClusterReconciler> _reconciler = new();
    private readonly WorkQueue _queue;
    private readonly ServiceProvider _services;
    private readonly LeaderElector _elector;
    private readonly ReconcileWorker _worker;

    public ReconcileWorkerLeadershipTests()
    {
        var options = Options.Create(new OperatorOptions { MaxConcurrentReconciles = 2 });
        _queue = new WorkQueue(_time, options);
        _services = new ServiceCollection().AddSingleton(_reconciler.Object).BuildServiceProvider();
        _elector = new LeaderElector(_leases, Options.Create(new LeaderElectionOptions { Identity = "standby" }), _time, NullLogger<LeaderElector>.Instance);
        var dispatcher = new ReconcileDispatcher(
            _services.GetRequiredService<IServiceScopeFactory>(), _queue, options, _time, NullLogger<ReconcileDispatcher>.Instance);
        _worker = new ReconcileWorker(
            _queue, dispatcher, _elector, options, Options.Create(new OperatorHostOptions { ShutdownGrace = TimeSpan.Zero }), _time, NullLogger<ReconcileWorker>.Instance);
    }

    public void Dispose()
    {
        _worker.Dispose();
        _queue.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_standby_reconciles_nothing_until_it_leads_and_losing_the_lease_cancels_in_flight_work_at_the_deadline()
    {
        var calls = new List<(CancellationToken Token, DateTimeOffset At)>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reconciler.Setup(r => r.ReconcileAsync("orders", It.IsAny<CancellationToken>()))
            .Returns(async (string _, CancellationToken ct) =>
            {
                lock (calls)
                {
                    calls.Add((ct, _time.GetUtcNow()));
                    (calls.Count == 1 ? started : restarted).TrySetResult();
                }

                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return ReconcileResult.Converged();
            });
        await _leases.TryAcquireAsync(new LeaseAcquisition("zeebe-operator", "other", _time.GetUtcNow(), TimeSpan.FromSeconds(15), null), default);
        await _elector.RunOnceAsync(default);
        await _worker.StartAsync(CancellationToken.None);
        _queue.Add("orders");
        await Task.Yield();
        Assert.False(_elector.IsLeader);
        Assert.Empty(calls);
        Assert.Equal(1, _queue.Count);

        // The other instance's lease runs out; this one takes it and starts reconciling.
        _time.Advance(TimeSpan.FromSeconds(16));
        await _elector.RunOnceAsync(default);
        await started.Task.WaitAsync(TestTimeout);
        var leaseTakenAt = _time.GetUtcNow();
        var inFlight = calls[0].Token;

        // The lease store stops answering: the reconcile is cancelled exactly at the renew deadline.
        _leases.Outage = new TimeoutException("the lease store does not answer");
        DateTimeOffset? cancelledAt = null;
        inFlight.Register(() => cancelledAt = _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(2));
        await _elector.RunOnceAsync(default);
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(leaseTakenAt + ElectionDefaults.RenewDeadline, cancelledAt);
        Assert.False(_elector.IsLeader);

        // Back in the store: a new term (token 3) and the cluster, requeued with backoff, is reconciled again.
        _leases.Outage = null;
        await _elector.RunOnceAsync(default);
        Assert.Equal(3, _elector.FencingToken);
        // The worker restarts and the backoff timer is set on other threads: step the clock until the retry runs (bounded).
        using var deadline = new CancellationTokenSource(TestTimeout);
        while (!restarted.Task.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(restarted.Task, Task.Delay(20, deadline.Token));
            deadline.Token.ThrowIfCancellationRequested();
        }

        Assert.False(calls[1].Token.IsCancellationRequested);
        await _worker.StopAsync(CancellationToken.None).WaitAsync(TestTimeout);
    }

    private static class ElectionDefaults
    {
        public static readonly TimeSpan RenewDeadline = new LeaderElectionOptions().RenewDeadline;
    }
}
