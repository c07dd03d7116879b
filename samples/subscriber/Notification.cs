namespace ZeebeOperator.Samples.Subscriber;

/// <summary>What the operator POSTs when a cluster changes; <see cref="EventId"/> also travels as the <c>Idempotency-Key</c> header.</summary>
/// <param name="Type"><c>cluster.ready</c>, <c>cluster.topology-changed</c>, <c>cluster.broker-replaced</c> or <c>cluster.deleted</c>.</param>
public sealed record Notification(string EventId, string Type, string Cluster, long Generation, DateTimeOffset Time, IReadOnlyList<BrokerAddress> Brokers)
{
    public static IReadOnlySet<string> KnownTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "cluster.ready", "cluster.topology-changed", "cluster.broker-replaced", "cluster.deleted",
    };
}

/// <param name="Address">The broker task's private IPv4 address.</param>
public sealed record BrokerAddress(int NodeId, string DnsName, string Address);

/// <summary>The answer to a notification: <c>accepted</c> or <c>duplicate</c> (both 200), or the problem (400).</summary>
public sealed record Receipt(string? EventId, string Status, string? Problem = null);
