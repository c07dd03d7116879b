using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>A topology change under way in a simulated cluster: its operations run one after another.</summary>
internal sealed class SimulatedTopologyChange(long id, DateTimeOffset startedAt, IReadOnlyList<SimulatedOperation> operations, bool failsAtFirstOperation)
{
    public long Id { get; } = id;

    public IReadOnlyList<SimulatedOperation> Operations { get; } = operations;

    public int CompletedCount { get; private set; }

    /// <summary>Simulated time already spent on the operation now running.</summary>
    public TimeSpan Progress { get; set; }

    public bool Stalled { get; set; }

    public bool FailsAtNextOperation { get; set; } = failsAtFirstOperation;

    public SimulatedOperation? Next => CompletedCount < Operations.Count ? Operations[CompletedCount] : null;

    public void CompleteNext()
    {
        CompletedCount++;
        Progress = TimeSpan.Zero;
    }

    public bool IsRemoving(int brokerId) =>
        Operations.Skip(CompletedCount).Any(o => o.Kind == SimulatedOperationKind.BrokerRemove && o.BrokerId == brokerId);

    /// <summary>As <c>pendingChange</c> shows it on 8.8/8.9: its operations, but no <c>startedAt</c>.</summary>
    public TopologyChange Pending() =>
        new(Id, ChangeStatus.InProgress, StartedAt: null, CompletedAt: null, CompletedCount, [.. Operations.Skip(CompletedCount).Select(o => o.Describe())]);

    /// <summary>As <c>lastChange</c> shows it: when it started and ended, but no operations.</summary>
    public TopologyChange Finished(ChangeStatus status, DateTimeOffset completedAt) =>
        new(Id, status, startedAt, completedAt, CompletedOperations: 0, PendingOperations: []);
}
