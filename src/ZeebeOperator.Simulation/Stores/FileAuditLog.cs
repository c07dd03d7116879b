using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// The audit table as a folder of JSON files, one per cluster holding its records in the order they were written.
/// Each append rewrites the file atomically, so readers in other processes see whole records only; that costs
/// O(records) per append, which suits a local run and nothing bigger: the oldest records beyond
/// <see cref="MaxRecordsPerCluster"/> are dropped.
/// </summary>
public sealed class FileAuditLog(string directory) : IAuditLog, IDisposable
{
    public const int MaxRecordsPerCluster = 2000;

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = LocalStateFiles.PathOf(Directory, record.ClusterName);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var records = await LocalStateFiles.ReadAsync<List<AuditRecord>>(path, cancellationToken) ?? [];
            records.Add(record);
            if (records.Count > MaxRecordsPerCluster)
            {
                records.RemoveRange(0, records.Count - MaxRecordsPerCluster);
            }

            await LocalStateFiles.WriteAsync(path, records, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(string clusterName, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var records = await LocalStateFiles.ReadAsync<List<AuditRecord>>(LocalStateFiles.PathOf(Directory, clusterName), cancellationToken) ?? [];
        return [.. records
            .Select((record, index) => (record, index))
            .OrderByDescending(r => r.record.Timestamp)
            .ThenByDescending(r => r.index)
            .Take(limit)
            .Select(r => r.record)];
    }

    public void Dispose() => _writeGate.Dispose();
}
