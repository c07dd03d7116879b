using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// The status table as a folder of JSON files (<c>{cluster}.json</c>), so that <c>get</c> and <c>describe</c> in one
/// terminal see what <c>run --local</c> writes in another. Safe for one writing process and any number of readers;
/// like the DynamoDB store, a status never replaces one of a newer observed generation, and a fenced write lands
/// only while the writer's term holds the lease in <paramref name="leases"/> (none: every fenced write is refused).
/// </summary>
public sealed class FileClusterStatusStore(string directory, InMemoryLeaseStore? leases = null) : IClusterStatusStore, IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public string Directory { get; } = Path.GetFullPath(directory);

    public Task<ClusterStatus?> GetAsync(string clusterName, CancellationToken cancellationToken) =>
        LocalStateFiles.ReadAsync<ClusterStatus>(LocalStateFiles.PathOf(Directory, clusterName), cancellationToken);

    public async Task<IReadOnlyList<ClusterStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var statuses = new List<ClusterStatus>();
        foreach (var path in LocalStateFiles.JsonFiles(Directory))
        {
            if (await LocalStateFiles.ReadAsync<ClusterStatus>(path, cancellationToken) is { } status)
            {
                statuses.Add(status);
            }
        }

        return statuses;
    }

    public async Task<StatusWriteResult> PutAsync(ClusterStatus status, LeaseFence? fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (fence is null)
            {
                return await PutAsync(status, cancellationToken);
            }

            var result = StatusWriteResult.NotLeader;
            if (leases is not null)
            {
                await leases.TryWithinTermAsync(fence, async () => result = await PutAsync(status, cancellationToken), cancellationToken);
            }

            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose() => _writeGate.Dispose();

    private async Task<StatusWriteResult> PutAsync(ClusterStatus status, CancellationToken cancellationToken)
    {
        var path = LocalStateFiles.PathOf(Directory, status.ClusterName);
        var stored = await LocalStateFiles.ReadAsync<ClusterStatus>(path, cancellationToken);
        if (stored is not null && stored.ObservedGeneration > status.ObservedGeneration)
        {
            return StatusWriteResult.NewerGenerationStored;
        }

        await LocalStateFiles.WriteAsync(path, status, cancellationToken);
        return StatusWriteResult.Written;
    }
}
