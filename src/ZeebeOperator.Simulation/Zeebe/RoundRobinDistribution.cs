namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>
/// Zeebe's ROUND_ROBIN partition distribution: with members sorted by id, partition p (1-based) is replicated on the
/// <c>replicationFactor</c> members starting at index p-1, the first with the highest priority.
/// </summary>
internal static class RoundRobinDistribution
{
    /// <returns>broker id → (partition id → priority).</returns>
    public static SortedDictionary<int, SortedDictionary<int, int>> Distribute(IEnumerable<int> members, int partitionCount, int replicationFactor)
    {
        var sorted = members.Distinct().Order().ToArray();
        var result = new SortedDictionary<int, SortedDictionary<int, int>>();
        foreach (var member in sorted)
        {
            result[member] = [];
        }

        for (var partition = 1; partition <= partitionCount; partition++)
        {
            for (var replica = 0; replica < Math.Min(replicationFactor, sorted.Length); replica++)
            {
                var broker = sorted[(partition - 1 + replica) % sorted.Length];
                result[broker][partition] = replicationFactor - replica;
            }
        }

        return result;
    }

    /// <summary>
    /// The operations that take <paramref name="current"/> to the round-robin distribution over <paramref name="targetMembers"/>,
    /// in Zeebe's order: brokers join the cluster, partitions gain new replicas, priorities move, old replicas leave,
    /// brokers leave the cluster.
    /// </summary>
    public static IReadOnlyList<SimulatedOperation> Plan(
        IReadOnlyDictionary<int, SortedDictionary<int, int>> current,
        IReadOnlyCollection<int> targetMembers,
        int partitionCount,
        int replicationFactor)
    {
        var target = Distribute(targetMembers, partitionCount, replicationFactor);
        var added = target.Keys.Where(b => !current.ContainsKey(b)).ToList();
        var removed = current.Keys.Where(b => !target.ContainsKey(b)).ToList();
        var operations = new List<SimulatedOperation>();
        operations.AddRange(added.Select(b => new SimulatedOperation(SimulatedOperationKind.BrokerAdd, b)));
        for (var partition = 1; partition <= partitionCount; partition++)
        {
            foreach (var (broker, partitions) in target)
            {
                if (partitions.TryGetValue(partition, out var priority) && !HasPartition(current, broker, partition))
                {
                    operations.Add(new SimulatedOperation(SimulatedOperationKind.PartitionJoin, broker, partition, priority));
                }
            }
        }

        for (var partition = 1; partition <= partitionCount; partition++)
        {
            foreach (var (broker, partitions) in target)
            {
                if (partitions.TryGetValue(partition, out var priority)
                    && current.TryGetValue(broker, out var had) && had.TryGetValue(partition, out var oldPriority) && oldPriority != priority)
                {
                    operations.Add(new SimulatedOperation(SimulatedOperationKind.PartitionReconfigurePriority, broker, partition, priority));
                }
            }
        }

        for (var partition = 1; partition <= partitionCount; partition++)
        {
            foreach (var (broker, partitions) in current)
            {
                if (partitions.ContainsKey(partition) && !HasPartition(target, broker, partition))
                {
                    operations.Add(new SimulatedOperation(SimulatedOperationKind.PartitionLeave, broker, partition));
                }
            }
        }

        operations.AddRange(removed.Select(b => new SimulatedOperation(SimulatedOperationKind.BrokerRemove, b)));
        return operations;
    }

    private static bool HasPartition(IReadOnlyDictionary<int, SortedDictionary<int, int>> distribution, int broker, int partition) =>
        distribution.TryGetValue(broker, out var partitions) && partitions.ContainsKey(partition);
}
