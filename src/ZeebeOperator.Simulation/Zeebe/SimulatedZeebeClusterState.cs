using System.Globalization;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>
/// One simulated Zeebe cluster: its members and their partitions, the change under way, and when each broker was first
/// seen running. Time moves only in <see cref="Observe"/>; callers hold the simulation's lock.
/// </summary>
internal sealed class SimulatedZeebeClusterState(string name, int initialClusterSize, int partitionCount, int replicationFactor, DateTimeOffset now)
{

    private readonly Dictionary<long, TopologyChange> _finished = [];
    private readonly Dictionary<int, long> _memberVersions = [];
    private readonly Dictionary<int, DateTimeOffset> _runningSince = [];
    private readonly SortedDictionary<int, SortedDictionary<int, int>> _members =
        RoundRobinDistribution.Distribute(Enumerable.Range(0, initialClusterSize), partitionCount, replicationFactor);

    private IReadOnlySet<int> _lastRunning = new HashSet<int>();
    private DateTimeOffset _lastObservedAt = now;
    private long _version = 1;
    private long _nextChangeId = 1;
    private bool _failNextChange;

    public string Name { get; } = name;

    /// <summary>True once a broker was seen running: from then on the topology belongs to the cluster, not to the spec.</summary>
    public bool Formed { get; private set; }

    public SimulatedTopologyChange? Current { get; private set; }

    public TopologyChange? LastChange { get; private set; }

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

        _lastRunning = running;
        _lastObservedAt = now;
    }

    /// <summary>Reinitialises a cluster no broker of which has run yet (the spec may still change its shape).</summary>
    public SimulatedZeebeClusterState Reshape(int clusterSize, int partitions, int replication) =>
        Formed ? this : new SimulatedZeebeClusterState(Name, clusterSize, partitions, replication, _lastObservedAt);

    public bool IsReady(int broker, DateTimeOffset now, TimeSpan startupDuration) =>
        _runningSince.TryGetValue(broker, out var since) && now - since >= startupDuration;

    public ClusterTopology Topology() =>
        new(
            _version,
            [.. _members.Select(m => new BrokerMember(
                m.Key,
                Current?.IsRemoving(m.Key) == true ? MemberState.Leaving : MemberState.Active,
                _memberVersions.GetValueOrDefault(m.Key, 1).ToString(CultureInfo.InvariantCulture),
                [.. m.Value.Select(p => new PartitionMember(p.Key, MemberState.Active, p.Value))]))],
            LastChange,
            Current?.Snapshot(ChangeStatus.InProgress, completedAt: null));

    public TopologyChange? FindChange(long id) =>
        Current?.Id == id ? Current.Snapshot(ChangeStatus.InProgress, completedAt: null) : _finished.GetValueOrDefault(id);

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
        invalid ??= expected.Count < replicationFactor
            ? $"Expected at least {replicationFactor} brokers (the replication factor), but the cluster would have {expected.Count}"
            : null;
        return invalid is null
            ? (RoundRobinDistribution.Plan(_members, expected, partitionCount, replicationFactor), expected, null)
            : (null, expected, invalid);
    }

    public long NextChangeId => _nextChangeId;

    public long Start(IReadOnlyList<SimulatedOperation> operations, DateTimeOffset now)
    {
        Current = new SimulatedTopologyChange(_nextChangeId++, now, operations, _failNextChange);
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

        var snapshot = change.Snapshot(status, at);
        _finished[change.Id] = snapshot;
        LastChange = snapshot;
        Current = null;
        _version++;
    }
}
