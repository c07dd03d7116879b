using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Ports;

/// <summary>What became of a status write.</summary>
public enum StatusWriteResult
{
    Written,

    /// <summary>Refused: the stored status has a newer observed generation.</summary>
    NewerGenerationStored,

    /// <summary>Refused: the writer's lease term (its <see cref="LeaseFence"/>) is over; someone else may lead.</summary>
    NotLeader,
}

public interface IClusterStatusStore
{
    Task<ClusterStatus?> GetAsync(string clusterName, CancellationToken cancellationToken);

    Task<IReadOnlyList<ClusterStatus>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the status unless the stored one has a newer observed generation, and, with a <paramref name="fence"/>,
    /// only while that lease term still holds, checked atomically with the write. Without one (leader election off)
    /// it is the plain conditional write.
    /// </summary>
    Task<StatusWriteResult> PutAsync(ClusterStatus status, LeaseFence? fence, CancellationToken cancellationToken);
}

public static class StatusWrites
{
    /// <summary>The DynamoDB operation a status write is, as counted and simulated: a transaction when fenced.</summary>
    public static string OperationName(LeaseFence? fence) => fence is null ? "PutItem" : "TransactWriteItems";
}
