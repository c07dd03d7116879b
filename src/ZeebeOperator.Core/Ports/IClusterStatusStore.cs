using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Ports;

public interface IClusterStatusStore
{
    Task<ClusterStatus?> GetAsync(string clusterName, CancellationToken cancellationToken);

    Task<IReadOnlyList<ClusterStatus>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the status unless the stored one has a newer observed generation;
    /// returns false when it was refused for that reason.
    /// </summary>
    Task<bool> PutAsync(ClusterStatus status, CancellationToken cancellationToken);
}
