using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Observability;

/// <summary>The spec bucket, counted under the S3 operations the production adapter makes.</summary>
internal sealed class MeteredSpecStore(ISpecStore inner, OperatorMetrics metrics) : ISpecStore
{
    private const string Service = "s3";

    public Task<IReadOnlyList<SpecObject>> ListAsync(CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "ListObjectsV2", () => inner.ListAsync(cancellationToken));

    public Task<SpecContent> GetAsync(string key, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "GetObject", () => inner.GetAsync(key, cancellationToken));

    public Task<string> PutAsync(string key, string body, WriteCondition condition, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "PutObject", () => inner.PutAsync(key, body, condition, cancellationToken));
}

/// <summary>The status table, counted under the DynamoDB operations the production adapter makes.</summary>
internal sealed class MeteredClusterStatusStore(IClusterStatusStore inner, OperatorMetrics metrics) : IClusterStatusStore
{
    private const string Service = "dynamodb";

    public Task<ClusterStatus?> GetAsync(string clusterName, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "GetItem", () => inner.GetAsync(clusterName, cancellationToken));

    public Task<IReadOnlyList<ClusterStatus>> ListAsync(CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "Query", () => inner.ListAsync(cancellationToken));

    public Task<StatusWriteResult> PutAsync(ClusterStatus status, LeaseFence? fence, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, StatusWrites.OperationName(fence), () => inner.PutAsync(status, fence, cancellationToken));
}

/// <summary>
/// The audit table's DynamoDB calls, and the mutating actions themselves: every mutation is audited with an
/// outcome record, so counting outcome records counts actions exactly, without touching the executor.
/// </summary>
internal sealed class MeteredAuditLog(IAuditLog inner, OperatorMetrics metrics) : IAuditLog
{
    private const string Service = "dynamodb";

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        metrics.RecordAction(record);
        return metrics.AwsAsync(Service, "PutItem", () => inner.AppendAsync(record, cancellationToken));
    }

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(string clusterName, int limit, CancellationToken cancellationToken) =>
        metrics.AwsAsync(Service, "Query", () => inner.QueryAsync(clusterName, limit, cancellationToken));
}
