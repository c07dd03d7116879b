using ZeebeOperator.Core.Audit;

namespace ZeebeOperator.Core.Ports;

public interface IAuditLog
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>The cluster's most recent records, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> QueryAsync(string clusterName, int limit, CancellationToken cancellationToken);
}
