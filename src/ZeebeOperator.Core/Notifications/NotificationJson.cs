using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ZeebeOperator.Core.Notifications;

/// <summary>The wire body of a notification (the contract subscribers parse), and back.</summary>
public static class NotificationJson
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Write(ClusterNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("eventId", notification.EventId);
            json.WriteString("type", notification.Type);
            json.WriteString("cluster", notification.Cluster);
            json.WriteNumber("generation", notification.Generation);
            json.WriteString("time", notification.Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            json.WriteStartArray("brokers");
            foreach (var broker in notification.Brokers)
            {
                json.WriteStartObject();
                json.WriteNumber("nodeId", broker.NodeId);
                json.WriteString("dnsName", broker.DnsName);
                json.WriteString("address", broker.Address);

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a body <see cref="Write"/> wrote (the outbox stores it so).</summary>
    public static ClusterNotification Read(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        return new ClusterNotification(
            root.GetProperty("eventId").GetString()!,
            root.GetProperty("type").GetString()!,
            root.GetProperty("cluster").GetString()!,
            root.GetProperty("generation").GetInt64(),
            DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            [.. root.GetProperty("brokers").EnumerateArray().Select(b => new NotifiedBroker(
                b.GetProperty("nodeId").GetInt32(),
                b.GetProperty("dnsName").GetString()!,
                b.GetProperty("address").GetString()!))]);
    }
}
