using System.Globalization;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>
/// One simulated Zeebe cluster: its members and their partitions, the change under way, and when each broker was first
/// seen running. Time moves only in <see cref="Observe"/>; callers hold the simulation's lock.
/// </summary>
internal sealed class SimulatedZeebeClusterState(string name, int initialClusterSize, int partitionCount, int replicationFactor, DateTimeOffset now)
{
    private readonly Dictionary<int, long> _memberVersions = [];
    private readonly HashSet<int> _recovering = [];
    private readonly SortedSet<(int Broker, string Check)> _failingChecks = [];
    private readonly Dictionary<(int Broker, int Partition), PartitionHealth> _partitionHealth = [];
    private readonly Dictionary<int, DateTimeOffset> _runningSince = [];
    private readonly List<SimulatedAcceptedChange> _accepted = [];
    private readonly SortedDictionary<int, SortedDictionary<int, int>> _members =
        RoundRobinDistribution.Distribute(Enumerable.Range(0, initialClusterSize), partitionCount, replicationFactor);

    private int _partitionCount = partitionCount;
    private int _replicationFactor = replicationFactor;
    private IReadOnlySet<int> _lastRunning = new HashSet<int>();
    private DateTimeOffset _lastObservedAt = now;
    private long _version = 1;
    private long _nextChangeId = 1;
    private bool _failNextChange;

    public string Name { get; } = name;

    /// <summary>True once a broker was seen running: from then on the topology belongs to the cluster, not to the spec.</summary>
    public bool Formed { get; private set; }

    public SimulatedTopologyChange? Current { get; private set; }

    /// <summary>The latest finished change only, without its operations (Zeebe 8.8/8.9 keep no history).</summary>
    public TopologyChange? LastChange { get; private set; }

    /// <summary>The lowest member ID: Zeebe forwards every cluster API request to it.</summary>
    public int Coordinator => _members.Keys.First();

    /// <summary>The next PATCH is carried out, but its caller sees a timeout (the answer came after it gave up).</summary>
    public bool AnswerNextChangeLate { get; set; }

    public IReadOnlyCollection<int> Members => _members.Keys;

    /// <summary>Every PATCH this cluster accepted, in order, with how its change ended.</summary>
    public IReadOnlyList<SimulatedAcceptedChange> Accepted => _accepted;

    public void RecordAccepted(SimulatedZeebeCall call) => _accepted.Add(new SimulatedAcceptedChange(call));

    public SimulatedBackups Backups { get; } = new();

    /// <summary>Each partition's leader: its highest-priority replica among the brokers running (else overall).</summary>
    public IReadOnlyDictionary<int, int> PartitionLeaders() =>
        _members
            .SelectMany(m => m.Value.Select(p => (Partition: p.Key, Broker: m.Key, Priority: p.Value)))
            .GroupBy(r => r.Partition)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(r => _lastRunning.Contains(r.Broker)).ThenByDescending(r => r.Priority).ThenBy(r => r.Broker).First().Broker);

    /// <summary>Moves the simulation to <paramref name="now"/> with <paramref name="running"/> as the brokers running now.</summary>
    /// <remarks>
    /// An operation makes progress over an interval only if its broker was running at both of its ends (the last
    /// observation and this one): the simulation never credits progress it cannot be sure of.
    /// </remarks>
    public void Observe(IReadOnlySet<int> running, DateTimeOffset now, TimeSpan operationDuration)
    {
        foreach (var broker in _runningSince.Keys.Where(b => !running.Contains(b)).ToList())
        {
            _runningSince.Remove(broker);
        }

        foreach (var broker in running)
        {
            _runningSince.TryAdd(broker, now);
        }

        Formed |= running.Count > 0;
        var cursor = _lastObservedAt;
        while (Current is { Stalled: false, Next: { } operation } change
            && _lastRunning.Contains(operation.BrokerId)
            && running.Contains(operation.BrokerId))
        {
            var needed = operationDuration - change.Progress;
            if (now - cursor < needed)
            {
                change.Progress += now - cursor;
                break;
            }

            cursor += needed;
            if (change.FailsAtNextOperation)
            {
                Finish(ChangeStatus.Failed, cursor);
                break;
            }

            Apply(operation);
            change.CompleteNext();
        }

        if (Current is { Next: null })
        {
            Finish(ChangeStatus.Completed, cursor);
        }

        Backups.Observe(running, now);
        _lastRunning = running;
        _lastObservedAt = now;
    }

    /// <summary>Reinitialises a cluster no broker of which has run yet (the spec may still change its shape).</summary>
    public SimulatedZeebeClusterState Reshape(int clusterSize, int partitions, int replication) =>
        Formed ? this : new SimulatedZeebeClusterState(Name, clusterSize, partitions, replication, _lastObservedAt).WithBackupsOf(this);

    private SimulatedZeebeClusterState WithBackupsOf(SimulatedZeebeClusterState other)
    {
        (Backups.Endpoint, Backups.StoreConfigured) = (other.Backups.Endpoint, other.Backups.StoreConfigured);
        return this;
    }

    public bool IsReady(int broker, DateTimeOffset now, TimeSpan startupDuration) =>
        _runningSince.TryGetValue(broker, out var since) && now - since >= startupDuration;

    public ClusterTopology Topology() =>
        new(
            _version,
            [.. _members.Select(m => new BrokerMember(
                m.Key,
                _recovering.Contains(m.Key) ? MemberState.Recovering : Current?.IsRemoving(m.Key) == true ? MemberState.Leaving : MemberState.Active,
                _memberVersions.GetValueOrDefault(m.Key, 1).ToString(CultureInfo.InvariantCulture),
                [.. m.Value.Select(p => new PartitionMember(p.Key, _recovering.Contains(m.Key) ? MemberState.Recovering : MemberState.Active, p.Value))]))],
            LastChange,
            Current?.Pending());

    public IEnumerable<string> FailingReadinessChecks(int broker) => _failingChecks.Where(c => c.Broker == broker).Select(c => c.Check);

    public void SetReadinessCheck(int broker, string check, bool failing)
    {
        if (failing)
        {
            _failingChecks.Add((broker, check));
        }
        else
        {
            _failingChecks.Remove((broker, check));
        }
    }

    public void SetRecovering(int broker, bool recovering)
    {
        if (recovering)
        {
            _recovering.Add(broker);
        }
        else
        {
            _recovering.Remove(broker);
        }
    }

    public void SetPartitionHealth(int broker, int partition, PartitionHealth? health)
    {
        if (health is { } value)
        {
            _partitionHealth[(broker, partition)] = value;
        }
        else
        {
            _partitionHealth.Remove((broker, partition));
        }
    }

    /// <summary>
    /// What the embedded gateway of any running broker reports: the running brokers with their partitions. A replica on
    /// a broker still starting is INACTIVE and unhealthy; a partition has a leader (its highest-priority ready replica)
    /// only while a majority of its replicas is ready. A replica turns healthy <paramref name="catchUp"/> after its broker is ready.
    /// </summary>
    public GatewayTopology GatewayTopology(string namespaceName, DateTimeOffset now, TimeSpan startupDuration, TimeSpan catchUp)
    {
        bool Ready(int broker) => IsReady(broker, now, startupDuration) && !_recovering.Contains(broker);
        bool CaughtUp(int broker) => Ready(broker) && IsReady(broker, now, startupDuration + catchUp);
        var leaders = new Dictionary<int, int>();
        for (var partition = 1; partition <= _partitionCount; partition++)
        {
            var replicas = _members.Where(m => m.Value.ContainsKey(partition)).ToList();
            var ready = replicas.Where(r => Ready(r.Key)).OrderByDescending(r => r.Value[partition]).ThenBy(r => r.Key).ToList();
            if (ready.Count * 2 > replicas.Count)
            {
                leaders[partition] = ready[0].Key;
            }
        }

        var brokers = _members
            .Where(m => _runningSince.ContainsKey(m.Key))
            .Select(m => new GatewayBroker(
                m.Key,
                string.Create(CultureInfo.InvariantCulture, $"{Name}-broker-{m.Key}.{namespaceName}"),
                26501,
                null,
                [.. m.Value.Keys.Select(partition => new PartitionReplica(
                    partition,
                    !Ready(m.Key) ? PartitionRole.Inactive : leaders.GetValueOrDefault(partition, -1) == m.Key ? PartitionRole.Leader : PartitionRole.Follower,
                    _partitionHealth.TryGetValue((m.Key, partition), out var health) ? health : CaughtUp(m.Key) ? PartitionHealth.Healthy : PartitionHealth.Unhealthy))]))
            .ToList();
        return new GatewayTopology(_members.Count, _partitionCount, _replicationFactor, null, brokers);
    }

    /// <summary>Each partition without a leader or without its full replication factor of healthy replicas, in words.</summary>
    public IReadOnlyList<string> UnservedPartitions(DateTimeOffset now, TimeSpan startupDuration, TimeSpan catchUp)
    {
        var replicas = GatewayTopology(string.Empty, now, startupDuration, catchUp).Brokers
            .SelectMany(b => b.Partitions)
            .ToLookup(p => p.PartitionId);
        var unserved = new List<string>();
        for (var partition = 1; partition <= _partitionCount; partition++)
        {
            var leader = replicas[partition].Any(r => r.Role == PartitionRole.Leader);
            var healthy = replicas[partition].Count(r => r.Health == PartitionHealth.Healthy);
            if (!leader || healthy < _replicationFactor)
            {
                unserved.Add(string.Create(CultureInfo.InvariantCulture, $"partition {partition}: {(leader ? "a leader" : "no leader")}, {healthy} of {_replicationFactor} replicas healthy"));
            }
        }

        return unserved;
    }

    /// <summary>The operations of adding or removing <paramref name="brokerIds"/>, or why Zeebe would answer 400.</summary>
    public (IReadOnlyList<SimulatedOperation>? Operations, IReadOnlyList<int> Expected, string? Invalid) Plan(IReadOnlyList<int> brokerIds, bool add)
    {
        var ids = brokerIds.Distinct().Order().ToList();
        var invalid = ids.Count == 0 ? "Expected at least one broker to " + (add ? "add" : "remove")
            : ids.Any(id => id < 0) ? "Broker ids must not be negative"
            : add && ids.Where(_members.ContainsKey).ToList() is { Count: > 0 } present
                ? $"Expected to add brokers [{string.Join(", ", present)}], but they are already part of the cluster"
            : !add && ids.Where(id => !_members.ContainsKey(id)).ToList() is { Count: > 0 } absent
                ? $"Expected to remove brokers [{string.Join(", ", absent)}], but they are not part of the cluster"
            : null;
        var expected = add ? _members.Keys.Union(ids).Order().ToList() : _members.Keys.Except(ids).ToList();
        invalid ??= expected.Count < _replicationFactor
            ? $"Expected at least {_replicationFactor} brokers (the replication factor), but the cluster would have {expected.Count}"
            : null;
        return invalid is null
            ? (RoundRobinDistribution.Plan(_members, expected, _partitionCount, _replicationFactor), expected, null)
            : (null, expected, invalid);
    }

    /// <summary>
    /// The operations of a partitions PATCH (Zeebe 8.8+): new partitions are bootstrapped, then replicas join, move
    /// priority and leave for the new replication factor; or why Zeebe would answer 400.
    /// </summary>
    public (IReadOnlyList<SimulatedOperation>? Operations, IReadOnlyList<int> Expected, string? Invalid) PlanPartitions(PartitionScaling target)
    {
        var invalid = target.PartitionCount < _partitionCount
            ? $"Expected to increase the partition count, but the new count {target.PartitionCount} is less than the current count {_partitionCount}: partitions can only be added"
            : target.ReplicationFactor < 1
                ? $"Expected a replication factor of at least 1, but it is {target.ReplicationFactor}"
            : target.ReplicationFactor > _members.Count
                ? $"Expected a replication factor of at most the number of brokers {_members.Count}, but it is {target.ReplicationFactor}"
            : null;
        if (invalid is not null)
        {
            return (null, [.. _members.Keys], invalid);
        }

        var operations = RoundRobinDistribution.Plan(_members, [.. _members.Keys], target.PartitionCount, target.ReplicationFactor)
            .Select(o => o is { Kind: SimulatedOperationKind.PartitionJoin } && o.PartitionId > _partitionCount ? o with { Kind = SimulatedOperationKind.PartitionBootstrap } : o)
            .ToList();
        return (operations, [.. _members.Keys], null);
    }

    public long NextChangeId => _nextChangeId;

    public long Start(IReadOnlyList<SimulatedOperation> operations, DateTimeOffset now, PartitionScaling? partitions = null)
    {
        Current = new SimulatedTopologyChange(_nextChangeId++, now, operations, _failNextChange) { Partitions = partitions };
        _failNextChange = false;
        return Current.Id;
    }

    public void FailNextChange() => _failNextChange = true;

    public void Fail(DateTimeOffset now) => Finish(ChangeStatus.Failed, now);

    private void Apply(SimulatedOperation operation)
    {
        switch (operation.Kind)
        {
            case SimulatedOperationKind.BrokerAdd:
                _members[operation.BrokerId] = [];
                break;
            case SimulatedOperationKind.BrokerRemove:
                _members.Remove(operation.BrokerId);
                break;
            case SimulatedOperationKind.PartitionLeave:
                _members[operation.BrokerId].Remove(operation.PartitionId);
                break;
            default:
                _members[operation.BrokerId][operation.PartitionId] = operation.Priority;
                break;
        }

        _memberVersions[operation.BrokerId] = _memberVersions.GetValueOrDefault(operation.BrokerId, 1) + 1;
        _version++;
    }

    private void Finish(ChangeStatus status, DateTimeOffset at)
    {
        if (Current is not { } change)
        {
            return;
        }

        if (status == ChangeStatus.Completed && change.Partitions is { } partitions)
        {
            (_partitionCount, _replicationFactor) = (partitions.PartitionCount, partitions.ReplicationFactor);
        }

        LastChange = change.Finished(status, at);
        var accepted = _accepted.FindLastIndex(a => a.ChangeId == change.Id);
        if (accepted >= 0)
        {
            _accepted[accepted] = _accepted[accepted] with { Outcome = status, EndedAt = at };
        }

        Current = null;
        _version++;
    }
}
