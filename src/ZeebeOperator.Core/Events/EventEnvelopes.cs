using System.Net;
using System.Text.Json;

namespace ZeebeOperator.Core.Events;

/// <summary>
/// Reads the messages AWS delivers to the events queue, with the field names of AWS's documented examples:
/// <list type="bullet">
/// <item>EventBridge envelopes (<c>source</c>, <c>detail-type</c>, <c>resources</c>, <c>detail</c>) from <c>aws.ecs</c>:
/// <c>ECS Task State Change</c> (<c>detail.clusterArn</c>, <c>detail.group</c> = <c>service:&lt;name&gt;</c>),
/// <c>ECS Service Action</c> and <c>ECS Deployment State Change</c> (the service ARN in <c>resources</c>); and from
/// <c>aws.s3</c>: <c>Object Created</c> and <c>Object Deleted</c> (<c>detail.object.key</c>).</item>
/// <item>S3 event notifications sent straight to SQS: <c>Records[].s3.object.key</c> (URL-encoded, spaces as <c>+</c>),
/// and the <c>s3:TestEvent</c> S3 sends when a notification is configured.</item>
/// </list>
/// Never throws: anything else is <see cref="EventOutcome.Unknown"/> or <see cref="EventOutcome.Malformed"/>.
/// </summary>
public static class EventEnvelopes
{
    public const string TaskStateChange = "ECS Task State Change";
    public const string ServiceAction = "ECS Service Action";
    public const string DeploymentStateChange = "ECS Deployment State Change";
    public const string ObjectCreated = "Object Created";
    public const string ObjectDeleted = "Object Deleted";
    public const string S3TestEvent = "s3:TestEvent";
    public const string EcsSource = "aws.ecs";
    public const string S3Source = "aws.s3";

    private const int MaxDepth = 32;
    private const string SteadyStateSuffix = "_STEADY_STATE";

    public static EventReading Read(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException)
        {
            return EventReading.Malformed("not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return EventReading.Malformed("not a JSON object");
            }

            if (root.TryGetProperty("Records", out var records))
            {
                return ReadS3Records(records);
            }

            if (Text(root, "Event") == S3TestEvent)
            {
                return EventReading.AboutObjects(S3TestEvent, []);
            }

            if (Text(root, "source") is { } source && Text(root, "detail-type") is { } detailType)
            {
                return ReadEventBridge(root, source, detailType);
            }

            return EventReading.Unknown("neither an EventBridge event nor an S3 notification");
        }
    }

    private static EventReading ReadEventBridge(JsonElement root, string source, string detailType)
    {
        var kind = $"{source} {detailType}";
        if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            return source is EcsSource or S3Source ? EventReading.Malformed($"{kind}: detail is not an object") : EventReading.Unknown(kind);
        }

        return (source, detailType) switch
        {
            (EcsSource, TaskStateChange) => ReadTaskStateChange(detail),
            (EcsSource, ServiceAction or DeploymentStateChange) => ReadServiceEvent(root, detail, detailType),
            (S3Source, ObjectCreated or ObjectDeleted) =>
                detail.TryGetProperty("object", out var target) && Text(target, "key") is { } key
                    ? EventReading.AboutObjects(detailType, [key], removal: detailType == ObjectDeleted)
                    : EventReading.Malformed($"{detailType}: detail.object.key is missing"),
            _ => EventReading.Unknown(kind),
        };
    }

    private static EventReading ReadTaskStateChange(JsonElement detail)
    {
        if (Text(detail, "clusterArn") is not { } cluster || Text(detail, "taskArn") is null)
        {
            return EventReading.Malformed($"{TaskStateChange}: detail.clusterArn or detail.taskArn is missing");
        }

        // Tasks a service starts carry group "service:<name>"; a standalone task's group is "family:<name>" or its own.
        const string ServiceGroup = "service:";
        return Text(detail, "group") is { } group && group.StartsWith(ServiceGroup, StringComparison.Ordinal) && group.Length > ServiceGroup.Length
            ? EventReading.AboutServices(TaskStateChange, [new EcsServiceReference(cluster, group[ServiceGroup.Length..])])
            : EventReading.AboutServices(TaskStateChange, []);
    }

    private static EventReading ReadServiceEvent(JsonElement root, JsonElement detail, string detailType)
    {
        if (!root.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return EventReading.Malformed($"{detailType}: resources is not a list");
        }

        // ECS repeats SERVICE_STEADY_STATE periodically while nothing changes (and the other *_STEADY_STATE reports say
        // the same): no news, so queueing the cluster would only spend reads. A deployment that completes also sends
        // SERVICE_DEPLOYMENT_COMPLETED, which is acted on.
        if (detailType == ServiceAction && Text(detail, "eventName") is { } eventName && eventName.EndsWith(SteadyStateSuffix, StringComparison.Ordinal))
        {
            return EventReading.AboutServices($"{ServiceAction} {eventName}", []);
        }

        var clusterArn = Text(detail, "clusterArn");
        var services = new List<EcsServiceReference>();
        foreach (var resource in resources.EnumerateArray())
        {
            if (resource.ValueKind != JsonValueKind.String)
            {
                return EventReading.Malformed($"{detailType}: resources holds a non-string");
            }

            if (ServiceOf(resource.GetString()!, clusterArn) is { } service)
            {
                services.Add(service);
            }
        }

        return EventReading.AboutServices(detailType, services);
    }

    /// <summary>
    /// A service ARN: <c>arn:aws:ecs:region:account:service/cluster/name</c>, or the old format without the cluster
    /// (<c>service/name</c>), where the cluster comes from <c>detail.clusterArn</c> when the event has one.
    /// </summary>
    private static EcsServiceReference? ServiceOf(string arn, string? clusterArn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "ecs" || !parts[5].StartsWith("service/", StringComparison.Ordinal))
        {
            return null;
        }

        var path = parts[5]["service/".Length..].Split('/');
        return path switch
        {
            [var cluster, var name] when cluster.Length > 0 && name.Length > 0 => new EcsServiceReference(clusterArn ?? cluster, name),
            [var name] when name.Length > 0 => new EcsServiceReference(clusterArn, name),
            _ => null,
        };
    }

    private static EventReading ReadS3Records(JsonElement records)
    {
        if (records.ValueKind != JsonValueKind.Array)
        {
            return EventReading.Malformed("Records is not a list");
        }

        var keys = new List<string>();
        string? kind = null;
        var removal = false;
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object || Text(record, "eventSource") != "aws:s3")
            {
                return EventReading.Unknown("Records of a source other than aws:s3");
            }

            if (Text(record, "eventName") is not { } eventName
                || !record.TryGetProperty("s3", out var s3) || s3.ValueKind != JsonValueKind.Object
                || !s3.TryGetProperty("object", out var target) || target.ValueKind != JsonValueKind.Object
                || Text(target, "key") is not { } key)
            {
                return EventReading.Malformed("Records[].eventName or Records[].s3.object.key is missing");
            }

            kind ??= "s3:" + eventName;
            removal = eventName.StartsWith("ObjectRemoved:", StringComparison.Ordinal);

            // Keys in S3 notifications are URL-encoded, with spaces as '+'.
            keys.Add(WebUtility.UrlDecode(key));
        }

        return EventReading.AboutObjects(kind ?? "s3:no records", keys, removal);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
