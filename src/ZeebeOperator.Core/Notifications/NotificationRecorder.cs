using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Notifications;

/// <summary>
/// Called by the reconciler before it stores a changed status: detects the facts subscribers are told about and
/// writes each to the outbox, fenced like any write of the leader. Only then is the status written, so a pass that
/// dies in between detects the same events (same ids) again and the outbox keeps one of each.
/// </summary>
public sealed partial class NotificationRecorder(
    INotificationOutbox outbox,
    IFencingTokenSource fencing,
    NotificationSignal signal,
    TimeProvider time,
    IOptions<NotifyOptions> options,
    ILogger<NotificationRecorder> logger)
{
    public async Task RecordAsync(ClusterStatus? previous, ClusterStatus current, bool clusterOptedIn, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || !clusterOptedIn)
        {
            return;
        }

        var events = NotificationDetector.Detect(previous, current, time.GetUtcNow());
        foreach (var notification in events)
        {
            fencing.EnsureCurrent(fencing.CurrentToken);
            if (await outbox.AddAsync(notification, cancellationToken).ConfigureAwait(false))
            {
                LogWritten(notification.Cluster, notification.Type, notification.EventId);
            }
        }

        if (events.Count > 0)
        {
            signal.Raise();
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Cluster {ClusterName}: {Type} event {EventId} written to the outbox")]
    private partial void LogWritten(string clusterName, string type, string eventId);
}
