using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Ports;

public interface IClusterStatusStore
{
    [AwsOperation("dynamodb", "GetItem")]
    Task<ClusterStatus?> GetAsync([Target] string clusterName, CancellationToken cancellationToken);

    [AwsOperation("dynamodb", "Query")]
    Task<IReadOnlyList<ClusterStatus>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the status unless the stored one has a newer observed generation;
    /// returns false when it was refused for that reason.
    /// </summary>
    [AwsOperation("dynamodb", "PutItem", Mutates = true)]
    Task<bool> PutAsync([Target(nameof(ClusterStatus.ClusterName))] ClusterStatus status, CancellationToken cancellationToken);
}
