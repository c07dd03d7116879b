using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ZeebeOperator.Core.Notifications;

/// <summary>The kinds of event subscriber tasks are told about, as the body's <c>type</c> names them.</summary>
public static class NotificationTypes
{
    public const string Ready = "cluster.ready";
    public const string TopologyChanged = "cluster.topology-changed";
    public const string BrokerReplaced = "cluster.broker-replaced";
    public const string Deleted = "cluster.deleted";
}

/// <summary>A broker as a notification lists it.</summary>
/// <param name="Address">The private IPv4 address of its running task (or, while none runs, its last one's).</param>
public sealed record NotifiedBroker(int NodeId, string DnsName, string Address);

/// <summary>One event about a cluster, sent to every subscriber task (the body of the POST).</summary>
/// <param name="EventId">Deterministic: the same fact detected again (after a restart) has the same id.</param>
public sealed record ClusterNotification(
    string EventId,
    string Type,
    string Cluster,
    long Generation,
    DateTimeOffset Time,
    IReadOnlyList<NotifiedBroker> Brokers)
{
    /// <summary>
    /// The id of a fact: the cluster, generation and type, and what tells two facts of that kind apart in one
    /// generation (the topology change's id, the replacing task, the brokers' addresses).
    /// </summary>
    public static string IdOf(string cluster, long generation, string type, string discriminator)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', cluster, generation.ToString(CultureInfo.InvariantCulture), type, discriminator)));
        return string.Create(CultureInfo.InvariantCulture, $"{cluster}-{generation}-{type["cluster.".Length..]}-{Convert.ToHexStringLower(hash)[..16]}");
    }
}
