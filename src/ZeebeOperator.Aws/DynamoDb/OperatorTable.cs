namespace ZeebeOperator.Aws.DynamoDb;

/// <summary>
/// The one DynamoDB table: <c>pk</c> (S) / <c>sk</c> (S). Status: <c>CLUSTER#{name}</c> / <c>STATUS</c>.
/// Audit: <c>CLUSTER#{name}</c> / <c>AUDIT#{yyyy-MM-ddTHH:mm:ss.fffffffZ}#{operationId}#{phase}</c>, expiring
/// through the TTL attribute <c>expiresAt</c>. Status items also carry <c>gsi1pk</c> = <c>STATUS</c> and
/// <c>gsi1sk</c> = the cluster name: a sparse global secondary index that lists every status without scanning audit items.
/// Leader lease: <c>LEASE#{lease name}</c> / <c>LEASE</c>.
/// Notifications outbox: <c>NOTIFY#{event id}</c> / <c>EVENT</c>; while pending it carries <c>gsi1pk</c> =
/// <c>NOTIFY#PENDING</c> and <c>gsi1sk</c> = its creation time and id, so the same sparse index lists the pending
/// events oldest first, and completing one removes it from the index.
/// </summary>
public static class OperatorTable
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string StatusIndexName = "status-index";
    public const string StatusIndexPartitionKey = "gsi1pk";
    public const string StatusIndexSortKey = "gsi1sk";
    public const string StatusIndexValue = "STATUS";
    public const string StatusSortKey = "STATUS";
    public const string AuditPrefix = "AUDIT#";
    public const string TimeToLiveAttribute = "expiresAt";

    public const string LeaseSortKey = "LEASE";

    public const string OutboxSortKey = "EVENT";
    public const string OutboxPendingIndexValue = "NOTIFY#PENDING";

    public static string OutboxKey(string eventId) => "NOTIFY#" + eventId;

    public static string ClusterKey(string clusterName) => "CLUSTER#" + clusterName;

    public static string LeaseKey(string leaseName) => "LEASE#" + leaseName;
}
