using System.Globalization;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Notifications;

/// <summary>
/// The facts subscribers are told about, found by comparing the status a reconcile computed with the one stored
/// before it. Pure. Because the stored status is written only after the events are in the outbox, a pass that dies
/// in between finds the same facts again, with the same ids.
/// </summary>
public static class NotificationDetector
{
    private const string Completed = "COMPLETED";
    private const string DeletedReason = "Deleted";

    public static IReadOnlyList<ClusterNotification> Detect(ClusterStatus? previous, ClusterStatus current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var events = new List<ClusterNotification>();
        // A broker whose task never ran has no address to tell; receivers may insist on one (the sample does).
        var brokers = current.Nodes.Where(n => n.Address is not null).Select(n => new NotifiedBroker(n.NodeId, n.DnsName, n.Address!)).ToList();
        var (cluster, generation) = (current.ClusterName, current.ObservedGeneration);

        void Add(string type, string discriminator) =>
            events.Add(new ClusterNotification(ClusterNotification.IdOf(cluster, generation, type, discriminator), type, cluster, generation, now, brokers));

        var readyBefore = previous is { IsReady: true } && previous.ObservedGeneration == generation;
        if (current.IsReady && !readyBefore)
        {
            Add(NotificationTypes.Ready, Fingerprint(current.Nodes));
        }

        if (current.TopologyChange is { Status: Completed } change
            && previous is not null
            && (previous.TopologyChange is not { } before || before.Id != change.Id || before.Status != Completed))
        {
            Add(NotificationTypes.TopologyChanged, change.Id.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var node in current.Nodes)
        {
            var old = previous?.Nodes.FirstOrDefault(n => n.NodeId == node.NodeId);
            if (old?.Address is { } oldAddress && node.Address is { } newAddress && oldAddress != newAddress && node.RunningTaskArn is { } task)
            {
                Add(NotificationTypes.BrokerReplaced, $"{node.NodeId}:{task}");
            }
        }

        if (IsDeleted(current) && !(previous is not null && IsDeleted(previous)))
        {
            Add(NotificationTypes.Deleted, string.Empty);
        }

        return events;
    }

    private static bool IsDeleted(ClusterStatus status) => status.Find(ConditionTypes.Ready)?.Reason == DeletedReason;

    private static string Fingerprint(IEnumerable<NodeStatus> nodes) =>
        string.Join(',', nodes.OrderBy(n => n.NodeId).Select(n => $"{n.NodeId}={n.Address}"));
}
