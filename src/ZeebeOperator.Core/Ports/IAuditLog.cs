using ZeebeOperator.Core.Audit;

namespace ZeebeOperator.Core.Ports;

public interface IAuditLog
{
    [AwsOperation("dynamodb", "PutItem", Mutates = true)]
    Task AppendAsync([Target(nameof(AuditRecord.Resource))] AuditRecord record, CancellationToken cancellationToken);

    /// <summary>The cluster's most recent records, newest first.</summary>
    [AwsOperation("dynamodb", "Query")]
    Task<IReadOnlyList<AuditRecord>> QueryAsync([Target] string clusterName, int limit, CancellationToken cancellationToken);
}
