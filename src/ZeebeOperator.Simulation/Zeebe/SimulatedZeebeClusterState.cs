using System.Globalization;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>
/// One simulated Zeebe cluster: its members and their partitions, the change under way, and when each broker was first
/// seen running. Time moves only in <see cref="Observe"/>; callers hold the simulation's lock.
/// </summary>
internal sealed class SimulatedZeebeClusterState(string name, int initialClusterSize, int partitionCount, int replicationFactor, DateTimeOffset now)
{
    private const string Active = "ACTIVE";
    private const string Leaving = "LEAVING";

    private readonly Dictionary<long, TopologyChange> finished = [];
    private readonly Dictionary<int, long> memberVersions = [];
    private readonly Dictionary<int, DateTimeOffset> runningSince = [];
    private readonly SortedDictionary<int, SortedDictionary<int, int>> members =
        RoundRobinDistribution.Distribute(Enumerable.Range(0, initialClusterSize), partitionCount, replicationFactor);

    private IReadOnlySet<int> lastRunning = new HashSet<int>();
    private DateTimeOffset lastObservedAt = now;
    private long version = 1;
    private long nextChangeId = 1;
    private bool failNextChange;

    public string Name { get; } = name;

    /// <summary>True once a broker was seen running: from then on the topology belongs to the cluster, not to the spec.</summary>
    public bool Formed { get; private set; }

    public SimulatedTopologyChange? Current { get; private set; }

    public TopologyChange? LastChange { get; private set; }

    public IReadOnlySet<int> Running => lastRunning;

    /// <summary>Moves the simulation to <paramref name="now"/> with <paramref name="running"/> as the brokers running now.</summary>
    /// <remarks>
    /// An operation makes progress over an interval only if its broker was running at both of its ends (the last
    /// observation and this one): the simulation never credits progress it cannot be sure of.
    /// </remarks>
    public void Observe(IReadOnlySet<int> running, DateTimeOffset now, TimeSpan operationDuration)
    {
        foreach (var broker in runningSince.Keys.Where(b => !running.Contains(b)).ToList())
        {
            runningSince.Remove(broker);
        }

        foreach (var broker in running)
        {
            runningSince.TryAdd(broker, now);
        }

        Formed |= running.Count > 0;
        var cursor = lastObservedAt;
        while (Current is { Stalled: false, Next: { } operation } change
            && lastRunning.Contains(operation.BrokerId)
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

        lastRunning = running;
        lastObservedAt = now;
    }

    /// <summary>Reinitialises a cluster no broker of which has run yet (the spec may still change its shape).</summary>
    public SimulatedZeebeClusterState Reshape(int clusterSize, int partitions, int replication) =>
        Formed ? this : new SimulatedZeebeClusterState(Name, clusterSize, partitions, replication, lastObservedAt);

    public bool IsReady(int broker, DateTimeOffset now, TimeSpan startupDuration) =>
        runningSince.TryGetValue(broker, out var since) && now - since >= startupDuration;

    public ClusterTopology Topology() =>
        new(
            version,
            [.. members.Select(m => new BrokerMember(
                m.Key,
                Current?.IsRemoving(m.Key) == true ? Leaving : Active,
                memberVersions.GetValueOrDefault(m.Key, 1).ToString(CultureInfo.InvariantCulture),
                [.. m.Value.Select(p => new PartitionMember(p.Key, Active, p.Value))]))],
            LastChange,
            Current?.Snapshot(ChangeStatus.InProgress, completedAt: null));

    public TopologyChange? FindChange(long id) =>
        Current?.Id == id ? Current.Snapshot(ChangeStatus.InProgress, completedAt: null) : finished.GetValueOrDefault(id);

    /// <summary>The operations of adding or removing <paramref name="brokerIds"/>, or why Zeebe would answer 400.</summary>
    public (IReadOnlyList<SimulatedOperation>? Operations, IReadOnlyList<int> Expected, string? Invalid) Plan(IReadOnlyList<int> brokerIds, bool add)
    {
        var ids = brokerIds.Distinct().Order().ToList();
        var invalid = ids.Count == 0 ? "Expected at least one broker to " + (add ? "add" : "remove")
            : ids.Any(id => id < 0) ? "Broker ids must not be negative"
            : add && ids.Where(members.ContainsKey).ToList() is { Count: > 0 } present
                ? $"Expected to add brokers [{string.Join(", ", present)}], but they are already part of the cluster"
            : !add && ids.Where(id => !members.ContainsKey(id)).ToList() is { Count: > 0 } absent
                ? $"Expected to remove brokers [{string.Join(", ", absent)}], but they are not part of the cluster"
            : null;
        var expected = add ? members.Keys.Union(ids).Order().ToList() : members.Keys.Except(ids).ToList();
        invalid ??= expected.Count < replicationFactor
            ? $"Expected at least {replicationFactor} brokers (the replication factor), but the cluster would have {expected.Count}"
            : null;
        return invalid is null
            ? (RoundRobinDistribution.Plan(members, expected, partitionCount, replicationFactor), expected, null)
            : (null, expected, invalid);
    }

    public long NextChangeId => nextChangeId;

    public long Start(IReadOnlyList<SimulatedOperation> operations, DateTimeOffset now)
    {
        Current = new SimulatedTopologyChange(nextChangeId++, now, operations, failNextChange);
        failNextChange = false;
        return Current.Id;
    }

    public void FailNextChange() => failNextChange = true;

    public void Fail(DateTimeOffset now) => Finish(ChangeStatus.Failed, now);

    private void Apply(SimulatedOperation operation)
    {
        switch (operation.Kind)
        {
            case SimulatedOperationKind.BrokerAdd:
                members[operation.BrokerId] = [];
                break;
            case SimulatedOperationKind.BrokerRemove:
                members.Remove(operation.BrokerId);
                break;
            case SimulatedOperationKind.PartitionLeave:
                members[operation.BrokerId].Remove(operation.PartitionId);
                break;
            default:
                members[operation.BrokerId][operation.PartitionId] = operation.Priority;
                break;
        }

        memberVersions[operation.BrokerId] = memberVersions.GetValueOrDefault(operation.BrokerId, 1) + 1;
        version++;
    }

    private void Finish(ChangeStatus status, DateTimeOffset at)
    {
        if (Current is not { } change)
        {
            return;
        }

        var snapshot = change.Snapshot(status, at);
        finished[change.Id] = snapshot;
        LastChange = snapshot;
        Current = null;
        version++;
    }
}
