using System.Collections.Concurrent;
using ZeebeOperator.Core.Notifications;

namespace ZeebeOperator.Simulation.Notifications;

/// <summary>How a simulated subscriber task answers a POST.</summary>
public enum SubscriberBehaviour
{
    /// <summary>200.</summary>
    Accept,

    /// <summary>Nothing listens: the connection is refused.</summary>
    Refuse,

    /// <summary>500.</summary>
    ServerError,

    /// <summary>400: the subscriber does not want it.</summary>
    Reject,

    /// <summary>Accepts the connection and never answers: the caller's timeout ends it.</summary>
    Hang,
}

/// <summary>One notification a simulated subscriber task took (answered 200 to).</summary>
public sealed record ReceivedNotification(string Endpoint, string IdempotencyKey, ClusterNotification Notification, DateTimeOffset At);

/// <summary>
/// The subscriber tasks' side of the network, in memory: every endpoint (<c>address:port</c> + path) answers as a test
/// sets it (<see cref="SubscriberBehaviour.Accept"/> unless told otherwise, for a while or for good), and what each took is
/// recorded. The body is read back with the wire contract (<see cref="NotificationJson"/>), so a body that breaks it fails here.
/// Given <paramref name="listening"/> (the simulated account's tasks), an address and port where no running task
/// listens refuses the connection, as a wrong host port would on a real instance.
/// </summary>
public sealed class SimulatedSubscribers(TimeProvider time, Func<string, int, bool>? listening = null) : ISubscriberTransport
{
    private readonly ConcurrentDictionary<string, (SubscriberBehaviour Behaviour, DateTimeOffset? Until)> _behaviours = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedNotification> _received = new();
    private int _attempts;

    /// <summary>Called with each notification taken (e.g. <c>run --local</c> logs it).</summary>
    public event Action<ReceivedNotification>? Received;

    public IReadOnlyList<ReceivedNotification> All => [.. _received];

    /// <summary>Every POST made, answered or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Sets how the task at <paramref name="endpoint"/> answers, until <paramref name="until"/> (then it accepts again) or for good.</summary>
    public void Set(Uri endpoint, SubscriberBehaviour behaviour, DateTimeOffset? until = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _behaviours[KeyOf(endpoint)] = (behaviour, until);
    }

    public IReadOnlyList<ReceivedNotification> ReceivedBy(Uri endpoint) => [.. _received.Where(r => r.Endpoint == KeyOf(endpoint))];

    public async Task<DeliveryAttempt> SendAsync(SubscriberTask target, string eventId, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        Interlocked.Increment(ref _attempts);
        var key = KeyOf(target.Endpoint);
        var now = time.GetUtcNow();
        var behaviour = _behaviours.TryGetValue(key, out var set) && (set.Until is null || now < set.Until) ? set.Behaviour : SubscriberBehaviour.Accept;
        if (listening is not null && !listening(target.Address, target.Port))
        {
            behaviour = SubscriberBehaviour.Refuse;
        }

        switch (behaviour)
        {
            case SubscriberBehaviour.Refuse:
                return new DeliveryAttempt(DeliveryOutcome.Failed, "connection refused");
            case SubscriberBehaviour.ServerError:
                return DeliveryAttempt.OfStatus(500);
            case SubscriberBehaviour.Reject:
                return DeliveryAttempt.OfStatus(400);
            case SubscriberBehaviour.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
                throw new OperationCanceledException(cancellationToken);
            default:
                var received = new ReceivedNotification(key, eventId, NotificationJson.Read(body), now);
                _received.Enqueue(received);
                Received?.Invoke(received);
                return DeliveryAttempt.OfStatus(200);
        }
    }

    private static string KeyOf(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Path);
}
