using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// The status table as a folder of JSON files (<c>{cluster}.json</c>), so that <c>get</c> and <c>describe</c> in one
/// terminal see what <c>run --local</c> writes in another. Safe for one writing process and any number of readers;
/// like the DynamoDB store, a status never replaces one of a newer observed generation.
/// </summary>
public sealed class FileClusterStatusStore(string directory) : IClusterStatusStore, IDisposable
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

    public async Task<bool> PutAsync(ClusterStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var path = LocalStateFiles.PathOf(Directory, status.ClusterName);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var stored = await LocalStateFiles.ReadAsync<ClusterStatus>(path, cancellationToken);
            if (stored is not null && stored.ObservedGeneration > status.ObservedGeneration)
            {
                return false;
            }

            await LocalStateFiles.WriteAsync(path, status, cancellationToken);
            return true;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose() => _writeGate.Dispose();
}
