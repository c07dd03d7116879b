namespace ZeebeOperator.Core.Events;

/// <summary>What became of one message.</summary>
public enum EventOutcome
{
    /// <summary>A kind the operator understands; it names the ECS services and spec objects it concerns (maybe none of ours).</summary>
    Understood,

    /// <summary>Valid JSON of a kind the operator does not act on.</summary>
    Unknown,

    /// <summary>Not JSON, or an understood kind with a required field missing or of the wrong type.</summary>
    Malformed,
}

/// <summary>An ECS service an event is about: its cluster (ARN or name; null when the event does not say) and its name.</summary>
public sealed record EcsServiceReference(string? EcsCluster, string ServiceName);

/// <summary>
/// One message as read: its outcome, its kind (the EventBridge <c>detail-type</c>, the S3 <c>eventName</c>, or
/// <c>s3:TestEvent</c>; for unknown messages the source and type found, for malformed ones what is wrong), and what it
/// is about (for object events, whether they were removed). Pure data: which clusters that means is the <see cref="EventRouter"/>'s call.
/// </summary>
public sealed record EventReading(
    EventOutcome Outcome,
    string Kind,
    IReadOnlyList<EcsServiceReference> Services,
    IReadOnlyList<string> ObjectKeys,
    bool Removal = false)
{
    public static EventReading Malformed(string why) => new(EventOutcome.Malformed, why, [], []);

    public static EventReading Unknown(string kind) => new(EventOutcome.Unknown, kind, [], []);

    public static EventReading AboutServices(string kind, IReadOnlyList<EcsServiceReference> services) => new(EventOutcome.Understood, kind, services, []);

    /// <param name="removal">The objects were deleted (<c>Object Deleted</c>, <c>ObjectRemoved:*</c>) rather than written.</param>
    public static EventReading AboutObjects(string kind, IReadOnlyList<string> keys, bool removal = false) => new(EventOutcome.Understood, kind, [], keys, removal);
}
