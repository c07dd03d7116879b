using System.Globalization;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>
/// Zeebe's cluster management API, simulated for every operator cluster at once. A call is routed by its broker
/// address (<see cref="ZeebeBrokerAddress"/>) to the cluster it names; <paramref name="runningBrokers"/> says which
/// node ids of a cluster have a running task (the AWS simulation answers it). Time is the
/// <paramref name="timeProvider"/>'s and moves on lazily, at each call: a change's operations progress only while
/// their broker runs, <see cref="SimulatedZeebeOptions.ChangeDuration"/> each. Thread-safe.
/// </summary>
public sealed class SimulatedZeebeCluster(
    TimeProvider timeProvider,
    Func<string, IReadOnlySet<int>> runningBrokers,
    IOptions<SimulatedZeebeOptions> options) : IZeebeClusterApi
{
    private const string StartupCheck = "brokerReady";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimulatedZeebeClusterState> _clusters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SimulatedZeebeCall> _calls = [];
    private readonly SimulatedZeebeOptions _settings = Validated(options.Value);

    public SimulatedZeebeCluster(TimeProvider timeProvider, Func<string, IReadOnlySet<int>> runningBrokers)
        : this(timeProvider, runningBrokers, Options.Create(new SimulatedZeebeOptions()))
    {
    }

    /// <summary>Every call so far, in order.</summary>
    public IReadOnlyList<SimulatedZeebeCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The calls after the one numbered <paramref name="sequence"/>, in order.</summary>
    public IReadOnlyList<SimulatedZeebeCall> CallsAfter(long sequence)
    {
        lock (_gate)
        {
            return [.. _calls.Skip((int)Math.Clamp(sequence, 0, _calls.Count))];
        }
    }

    /// <summary>Every PATCH the cluster accepted (its change started, whether or not the caller saw the answer), in order.</summary>
    public IReadOnlyList<SimulatedAcceptedChange> AcceptedChanges(string clusterName)
    {
        lock (_gate)
        {
            return _clusters.TryGetValue(clusterName, out var state) ? [.. state.Accepted] : [];
        }
    }

    /// <summary>
    /// Zeebe's own truth now, not any caller's view: each partition that lacks a leader or its full replication factor
    /// of healthy replicas, in words (empty when every partition is fully served, or the cluster has not formed).
    /// </summary>
    public IReadOnlyList<string> UnservedPartitions(string clusterName)
    {
        lock (_gate)
        {
            if (!_clusters.TryGetValue(clusterName, out var known) || !known.Formed)
            {
                return [];
            }
        }

        return WithCluster(clusterName, state => state.UnservedPartitions(timeProvider.GetUtcNow(), _settings.StartupDuration, _settings.PartitionCatchUpDuration));
    }

    /// <summary>
    /// Declares a cluster whose initial members are brokers 0..<paramref name="initialClusterSize"/>-1. Idempotent; until
    /// one of its brokers has been seen running it may be reshaped by calling again, after that the topology is the
    /// cluster's own and changes only through the API.
    /// </summary>
    public void EnsureCluster(string clusterName, int initialClusterSize, int partitionCount, int replicationFactor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterName);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialClusterSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, initialClusterSize);
        lock (_gate)
        {
            _clusters[clusterName] = _clusters.TryGetValue(clusterName, out var existing)
                ? existing.Reshape(initialClusterSize, partitionCount, replicationFactor)
                : new SimulatedZeebeClusterState(clusterName, initialClusterSize, partitionCount, replicationFactor, timeProvider.GetUtcNow());
        }
    }

    /// <summary>Forgets a cluster (its brokers become unreachable); a later <see cref="EnsureCluster"/> starts afresh.</summary>
    public bool DeleteCluster(string clusterName)
    {
        lock (_gate)
        {
            return _clusters.Remove(clusterName);
        }
    }

    /// <summary>The cluster's topology as of now (null for a cluster that has not formed), for assertions; not logged as a call.</summary>
    public ClusterTopology? Inspect(string clusterName)
    {
        lock (_gate)
        {
            if (!_clusters.ContainsKey(clusterName))
            {
                return null;
            }
        }

        return WithCluster(clusterName, state => state.Topology());
    }

    /// <summary>The next change accepted for this cluster fails when its first operation would complete.</summary>
    public void FailNextChange(string clusterName) => WithCluster(clusterName, state =>
    {
        state.FailNextChange();
        return true;
    });

    /// <summary>Fails the change under way now (operations already done stay done, as in Zeebe). False if none runs.</summary>
    public bool FailCurrentChange(string clusterName) => WithCluster(clusterName, state =>
    {
        var failing = state.Current is not null;
        state.Fail(timeProvider.GetUtcNow());
        return failing;
    });

    /// <summary>The change under way stops making progress (it stays IN_PROGRESS) until resumed. False if none runs.</summary>
    public bool StallCurrentChange(string clusterName) => WithCluster(clusterName, state => SetStalled(state, stalled: true));

    public bool ResumeCurrentChange(string clusterName) => WithCluster(clusterName, state => SetStalled(state, stalled: false));

    /// <summary>
    /// The next PATCH of this cluster is carried out (its change starts), but the answer comes after the caller gave up:
    /// the caller sees a 504 timeout.
    /// </summary>
    public void AnswerNextChangeLate(string clusterName) => WithCluster(clusterName, state => state.AnswerNextChangeLate = true);

    /// <summary>The broker (and its partitions) report RECOVERING, and its gateway counts it as not serving, until cleared.</summary>
    public void SetRecovering(string clusterName, int brokerId, bool recovering) => WithCluster(clusterName, state =>
    {
        state.SetRecovering(brokerId, recovering);
        return true;
    });

    /// <summary>Overrides the health the gateway reports for one partition replica; null goes back to the simulated health.</summary>
    public void SetPartitionHealth(string clusterName, int brokerId, int partitionId, PartitionHealth? health) => WithCluster(clusterName, state =>
    {
        state.SetPartitionHealth(brokerId, partitionId, health);
        return true;
    });

    public Task<ClusterTopology> GetTopologyAsync(Uri broker, CancellationToken cancellationToken) =>
        Call(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.GetTopology, [], DryRun: false, Probe: null, ViaCoordinator: true),
            (state, _, _) => (state.Topology(), SimulatedZeebeOutcome.Ok, (long?)null),
            cancellationToken);

    Task<ChangeAccepted> IZeebeClusterApi.AddBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, CancellationToken cancellationToken) =>
        AddBrokersAsync(broker, brokerIds, dryRun: false, cancellationToken);

    Task<ChangeAccepted> IZeebeClusterApi.RemoveBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, CancellationToken cancellationToken) =>
        RemoveBrokersAsync(broker, brokerIds, dryRun: false, cancellationToken);

    /// <summary>PATCH /actuator/cluster adding brokers, with Zeebe's <c>?dryRun=true</c> (plans without starting the change).</summary>
    public Task<ChangeAccepted> AddBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, bool dryRun, CancellationToken cancellationToken) =>
        Call(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.AddBrokers, brokerIds, dryRun, Probe: null, ViaCoordinator: true),
            (state, _, now) => Reconfigure(state, () => state.Plan(brokerIds, add: true), dryRun, now),
            cancellationToken);

    public Task<ChangeAccepted> RemoveBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, bool dryRun, CancellationToken cancellationToken) =>
        Call(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.RemoveBrokers, brokerIds, dryRun, Probe: null, ViaCoordinator: true),
            (state, _, now) => Reconfigure(state, () => state.Plan(brokerIds, add: false), dryRun, now),
            cancellationToken);

    /// <summary>
    /// PATCH /actuator/cluster with <c>{"partitions":{...}}</c>, as Zeebe 8.8+ takes it: partitions only grow, the
    /// replication factor stays within 1..brokers (else 400), 409 while another change runs; the new partitions and
    /// replicas show on the brokers once the change completes.
    /// </summary>
    public Task<ChangeAccepted> ScalePartitionsAsync(Uri broker, PartitionScaling scaling, bool dryRun, CancellationToken cancellationToken) =>
        Call(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.ScalePartitions, [], dryRun, Probe: null, ViaCoordinator: true, scaling),
            (state, _, now) => Reconfigure(state, () => state.PlanPartitions(scaling), dryRun, now, scaling),
            cancellationToken);

    /// <summary>
    /// A PATCH whose body names both <c>brokers</c> and <c>partitions</c>: Zeebe answers 400 (one kind of change per request).
    /// </summary>
    public Task<ChangeAccepted> ScaleBrokersAndPartitionsAsync(Uri broker, IReadOnlyList<int> addBrokers, PartitionScaling scaling, bool dryRun, CancellationToken cancellationToken) =>
        Call<ChangeAccepted>(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.ScalePartitions, addBrokers, dryRun, Probe: null, ViaCoordinator: true, scaling),
            (_, _, _) => throw new SimulatedRejection(
                SimulatedZeebeOutcome.InvalidRequest,
                ZeebeApiErrorKind.InvalidRequest,
                $"Cannot change brokers and partitions ({scaling}) in the same request"),
            cancellationToken);

    /// <summary>
    /// GET /actuator/cluster/changes/{id}: only newer Zeebe lines have it; 8.8/8.9 answer 405, and a change is followed
    /// through <c>pendingChange</c> and <c>lastChange</c> of the topology.
    /// </summary>
    public Task<TopologyChange> GetChangeAsync(Uri broker, long changeId, CancellationToken cancellationToken) =>
        Call<TopologyChange>(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.GetChange, [], DryRun: false, Probe: null),
            (_, _, _) => throw new SimulatedRejection(
                SimulatedZeebeOutcome.MethodNotAllowed,
                ZeebeApiErrorKind.NotFound,
                string.Create(CultureInfo.InvariantCulture, $"405 Method Not Allowed: GET /actuator/cluster/changes/{changeId} does not exist on Zeebe 8.8/8.9")),
            cancellationToken);

    /// <summary>GET /v2/topology of the broker's embedded gateway: answered by the gateway itself, without the coordinator.</summary>
    public Task<GatewayTopology> GetGatewayTopologyAsync(Uri gateway, CancellationToken cancellationToken) =>
        Call(
            gateway,
            new SimulatedRequest(SimulatedZeebeOperation.GetGatewayTopology, [], DryRun: false, Probe: null),
            (state, _, now) => (state.GatewayTopology(ZeebeBrokerAddress.TryParse(gateway, out var address) ? address.NamespaceName : string.Empty, now, _settings.StartupDuration, _settings.PartitionCatchUpDuration),
                SimulatedZeebeOutcome.Ok, (long?)null),
            cancellationToken);

    /// <summary>
    /// Liveness: running. Startup: running for at least <see cref="SimulatedZeebeOptions.StartupDuration"/> (else the
    /// check <c>brokerReady</c> fails). Readiness: the same, and no check failed with <see cref="FailReadinessCheck"/>.
    /// </summary>
    public Task<HealthReport> CheckHealthAsync(Uri broker, HealthProbe probe, CancellationToken cancellationToken) =>
        Call(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.Health, [], DryRun: false, probe),
            (state, nodeId, now) =>
            {
                var failing = new List<string>();
                if (probe != HealthProbe.Liveness && !state.IsReady(nodeId, now, _settings.StartupDuration))
                {
                    failing.Add(StartupCheck);
                }

                if (probe == HealthProbe.Readiness)
                {
                    failing.AddRange(state.FailingReadinessChecks(nodeId));
                }

                var report = failing.Count == 0 ? HealthReport.Up : new HealthReport(false, failing);
                return (report, report.IsUp ? SimulatedZeebeOutcome.Ok : SimulatedZeebeOutcome.Unhealthy, (long?)null);
            },
            cancellationToken);

    /// <summary>
    /// The broker's readiness fails on a named check (say the web apps' search store is down) until cleared, as
    /// readiness does on a broker whose other components are unhealthy.
    /// </summary>
    public void FailReadinessCheck(string clusterName, int brokerId, string check, bool failing = true) => WithCluster(clusterName, state =>
    {
        state.SetReadinessCheck(brokerId, check, failing);
        return true;
    });

    /// <summary>
    /// Which path the brokers serve the backup API on (their image decides) and whether their configuration names a
    /// backup store: without one, Zeebe answers 400 to every backup request.
    /// </summary>
    public void ConfigureBackups(string clusterName, BackupEndpoint endpoint, bool storeConfigured) => WithCluster(clusterName, state =>
    {
        (state.Backups.Endpoint, state.Backups.StoreConfigured) = (endpoint, storeConfigured);
        return true;
    });

    /// <summary>The next backup taken in this cluster fails when it would complete, with <paramref name="reason"/>.</summary>
    public void FailNextBackup(string clusterName, string reason) => WithCluster(clusterName, state =>
    {
        state.Backups.FailNext(reason);
        return true;
    });

    /// <summary>Every backup in progress fails now (say the store became unreachable). The number failed.</summary>
    public int FailBackupsInProgress(string clusterName, string reason) =>
        WithCluster(clusterName, state => state.Backups.FailInProgress(reason, timeProvider.GetUtcNow()));

    /// <summary>The cluster's backups as of now, highest id first, for assertions; not logged as a call.</summary>
    public IReadOnlyList<BackupInfo> InspectBackups(string clusterName) => WithCluster(clusterName, state => state.Backups.List());

    /// <summary>
    /// POST /actuator/backupRuntime (8.8+) or /actuator/backups: 404 on the path the brokers do not serve, 400 without
    /// a backup store, 409 while a topology or partition change runs or for an id not higher than every earlier one.
    /// </summary>
    public Task TakeBackupAsync(Uri broker, BackupEndpoint endpoint, long backupId, CancellationToken cancellationToken) =>
        Call(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.TakeBackup, [], DryRun: false, Probe: null, BackupId: backupId),
            (state, _, now) =>
            {
                RefuseBackupRequest(state, endpoint);
                if (state.Backups.Take(backupId, state.Current is not null, state.PartitionLeaders(), now, _settings.BackupDuration) is { } conflict)
                {
                    throw new SimulatedRejection(SimulatedZeebeOutcome.ChangeInProgress, ZeebeApiErrorKind.ChangeInProgress, conflict);
                }

                return (true, SimulatedZeebeOutcome.Accepted, (long?)null);
            },
            cancellationToken);

    public Task<BackupInfo> GetBackupAsync(Uri broker, BackupEndpoint endpoint, long backupId, CancellationToken cancellationToken) =>
        Call(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.GetBackup, [], DryRun: false, Probe: null, BackupId: backupId),
            (state, _, _) =>
            {
                RefuseBackupRequest(state, endpoint);
                var backup = state.Backups.Get(backupId) ?? throw new SimulatedRejection(
                    SimulatedZeebeOutcome.NotFound,
                    ZeebeApiErrorKind.NotFound,
                    string.Create(CultureInfo.InvariantCulture, $"A backup with id {backupId} does not exist"));
                return (backup, SimulatedZeebeOutcome.Ok, (long?)null);
            },
            cancellationToken);

    public Task<IReadOnlyList<BackupInfo>> ListBackupsAsync(Uri broker, BackupEndpoint endpoint, CancellationToken cancellationToken) =>
        Call(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.ListBackups, [], DryRun: false, Probe: null),
            (state, _, _) =>
            {
                RefuseBackupRequest(state, endpoint);
                return (state.Backups.List(), SimulatedZeebeOutcome.Ok, (long?)null);
            },
            cancellationToken);

    /// <summary>DELETE: 204, also for an id that does not exist (as the API describes it).</summary>
    public Task DeleteBackupAsync(Uri broker, BackupEndpoint endpoint, long backupId, CancellationToken cancellationToken) =>
        Call(
            broker,
            new SimulatedRequest(SimulatedZeebeOperation.DeleteBackup, [], DryRun: false, Probe: null, BackupId: backupId),
            (state, _, _) =>
            {
                RefuseBackupRequest(state, endpoint);
                state.Backups.Delete(backupId);
                return (true, SimulatedZeebeOutcome.Ok, (long?)null);
            },
            cancellationToken);

    private static void RefuseBackupRequest(SimulatedZeebeClusterState state, BackupEndpoint endpoint)
    {
        if (state.Backups.Refusal(endpoint) is { } refusal)
        {
            throw new SimulatedRejection(refusal.Outcome, refusal.Kind, refusal.Message);
        }
    }

    private static (ChangeAccepted, SimulatedZeebeOutcome, long?) Reconfigure(
        SimulatedZeebeClusterState state,
        Func<(IReadOnlyList<SimulatedOperation>? Operations, IReadOnlyList<int> Expected, string? Invalid)> plan,
        bool dryRun,
        DateTimeOffset now,
        PartitionScaling? partitions = null)
    {
        if (state.Current is { } running)
        {
            throw new SimulatedRejection(
                SimulatedZeebeOutcome.ChangeInProgress,
                ZeebeApiErrorKind.ChangeInProgress,
                string.Create(CultureInfo.InvariantCulture, $"Cannot process request to change the configuration. The cluster has another pending change: {running.Id}"));
        }

        var (operations, expected, invalid) = plan();
        if (operations is null)
        {
            throw new SimulatedRejection(SimulatedZeebeOutcome.InvalidRequest, ZeebeApiErrorKind.InvalidRequest, invalid!);
        }

        // A dry run plans with the id the next change would get, but reserves nothing.
        var changeId = dryRun ? state.NextChangeId : state.Start(operations, now, partitions);
        if (!dryRun && state.AnswerNextChangeLate)
        {
            state.AnswerNextChangeLate = false;
            throw new SimulatedRejection(
                SimulatedZeebeOutcome.Timeout,
                ZeebeApiErrorKind.Timeout,
                "504 Gateway Timeout: the request timed out (the change was accepted after the caller gave up)",
                changeId);
        }

        return (new ChangeAccepted(changeId, [.. expected], [.. operations.Select(o => o.Describe())]), SimulatedZeebeOutcome.Accepted, changeId);
    }

    private static SimulatedZeebeOptions Validated(SimulatedZeebeOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.StartupDuration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChangeDuration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CoordinatorTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PartitionCatchUpDuration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BackupDuration, TimeSpan.Zero, nameof(options));
        return options;
    }

    /// <summary>A copy: the delegate may hand out a live set, and the state compares one observation with the next.</summary>
    private static HashSet<int> Snapshot(IReadOnlySet<int> running) => [.. running];

    private static bool SetStalled(SimulatedZeebeClusterState state, bool stalled)
    {
        if (state.Current is not { } change)
        {
            return false;
        }

        change.Stalled = stalled;
        return true;
    }

    /// <summary>Brings the named cluster up to now and runs <paramref name="action"/> on it, outside the call log.</summary>
    private T WithCluster<T>(string clusterName, Func<SimulatedZeebeClusterState, T> action)
    {
        var running = Snapshot(runningBrokers(clusterName));
        lock (_gate)
        {
            if (!_clusters.TryGetValue(clusterName, out var state))
            {
                throw new InvalidOperationException($"No simulated Zeebe cluster named '{clusterName}'; call EnsureCluster first.");
            }

            state.Observe(running, timeProvider.GetUtcNow(), _settings.ChangeDuration);
            return action(state);
        }
    }

    private Task<T> Call<T>(
        Uri broker,
        SimulatedRequest request,
        Func<SimulatedZeebeClusterState, int, DateTimeOffset, (T Result, SimulatedZeebeOutcome Outcome, long? ChangeId)> handle,
        CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var address = ZeebeBrokerAddress.TryParse(broker, out var parsed) ? parsed : null;
        var running = address is null ? new HashSet<int>() : Snapshot(runningBrokers(address.ClusterName));
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            SimulatedZeebeCall Log(SimulatedZeebeOutcome outcome, long? changeId, TimeSpan duration = default)
            {
                var call = new SimulatedZeebeCall(
                    _calls.Count + 1, now, address?.ClusterName ?? broker.Host, address?.NodeId, request.Operation, [.. request.BrokerIds], request.DryRun, request.Probe, outcome, changeId, duration, request.Partitions, request.BackupId);
                _calls.Add(call);
                return call;
            }

            if (address is null || !_clusters.TryGetValue(address.ClusterName, out var state))
            {
                Log(SimulatedZeebeOutcome.Unreachable, null);
                return Task.FromException<T>(new ZeebeApiException(ZeebeApiErrorKind.Unreachable, $"{broker}: no such simulated broker (name does not resolve)."));
            }

            state.Observe(running, now, _settings.ChangeDuration);
            if (!running.Contains(address.NodeId))
            {
                Log(SimulatedZeebeOutcome.Unreachable, null);
                return Task.FromException<T>(new ZeebeApiException(ZeebeApiErrorKind.Unreachable, $"{broker}: connection refused (broker {address.NodeId} is not running)."));
            }

            if (request.ViaCoordinator && !running.Contains(state.Coordinator))
            {
                Log(SimulatedZeebeOutcome.Timeout, null, _settings.CoordinatorTimeout);
                return Task.FromException<T>(new ZeebeApiException(
                    ZeebeApiErrorKind.Timeout,
                    string.Create(CultureInfo.InvariantCulture, $"{broker}: 504 Gateway Timeout: the request to the coordinator, broker {state.Coordinator}, timed out after {_settings.CoordinatorTimeout.TotalSeconds:0.###} s")));
            }

            try
            {
                var (result, outcome, changeId) = handle(state, address.NodeId, now);
                var call = Log(outcome, changeId);
                if (call is { RequestsChange: true, Outcome: SimulatedZeebeOutcome.Accepted })
                {
                    state.RecordAccepted(call);
                }

                return Task.FromResult(result);
            }
            catch (SimulatedRejection rejection)
            {
                var call = Log(rejection.Outcome, rejection.ChangeId, rejection.Outcome == SimulatedZeebeOutcome.Timeout ? _settings.CoordinatorTimeout : default);
                if (call is { RequestsChange: true, ChangeId: not null })
                {
                    // Answered after the caller gave up: the change runs all the same.
                    state.RecordAccepted(call);
                }

                return Task.FromException<T>(new ZeebeApiException(rejection.Kind, $"{broker}: {rejection.Message}"));
            }
        }
    }

    /// <param name="ViaCoordinator">A cluster API request: Zeebe forwards it to the coordinator (the lowest member ID).</param>
    private sealed record SimulatedRequest(SimulatedZeebeOperation Operation, IReadOnlyList<int> BrokerIds, bool DryRun, HealthProbe? Probe, bool ViaCoordinator = false, PartitionScaling? Partitions = null, long? BackupId = null);

    /// <summary>An error answer of the simulated API, turned into a <see cref="ZeebeApiException"/> and a call log entry.</summary>
    private sealed class SimulatedRejection(SimulatedZeebeOutcome outcome, ZeebeApiErrorKind kind, string message, long? changeId = null) : Exception(message)
    {
        public SimulatedZeebeOutcome Outcome { get; } = outcome;

        public long? ChangeId { get; } = changeId;

        public ZeebeApiErrorKind Kind { get; } = kind;
    }
}
