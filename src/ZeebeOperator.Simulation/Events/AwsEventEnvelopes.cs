using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ZeebeOperator.Simulation.Events;

/// <summary>How the spec bucket's object events reach the queue.</summary>
public enum S3EventDelivery
{
    /// <summary>An S3 event notification straight to SQS (<c>Records[].s3.object.key</c>).</summary>
    Notification,

    /// <summary>Through EventBridge (<c>Object Created</c> / <c>Object Deleted</c>, <c>detail.object.key</c>).</summary>
    EventBridge,
}

/// <summary>
/// Writes the messages AWS delivers, with the fields of AWS's documented examples: EventBridge envelopes
/// (<c>version</c>, <c>id</c>, <c>detail-type</c>, <c>source</c>, <c>account</c>, <c>time</c>, <c>region</c>,
/// <c>resources</c>, <c>detail</c>) and S3 event notifications (<c>Records</c>, event version 2.1).
/// </summary>
internal sealed class AwsEventEnvelopes(string region, string account)
{
    private long _sequence;

    public string TaskStateChange(string clusterArn, string taskArn, string taskDefinitionArn, string group, string lastStatus, string desiredStatus, DateTimeOffset createdAt, DateTimeOffset? startedAt, DateTimeOffset? stoppedAt, string? stoppedReason, DateTimeOffset at) =>
        EventBridge("ECS Task State Change", "aws.ecs", [taskArn], at, new JsonObject
        {
            ["clusterArn"] = clusterArn,
            ["taskArn"] = taskArn,
            ["taskDefinitionArn"] = taskDefinitionArn,
            ["group"] = group,
            ["launchType"] = "FARGATE",
            ["lastStatus"] = lastStatus,
            ["desiredStatus"] = desiredStatus,
            ["createdAt"] = Time(createdAt),
            ["startedAt"] = startedAt is { } started ? Time(started) : null,
            ["stoppedAt"] = stoppedAt is { } stopped ? Time(stopped) : null,
            ["stoppedReason"] = stoppedReason,
            ["updatedAt"] = Time(at),
            ["version"] = Interlocked.Increment(ref _sequence),
        });

    public string ServiceAction(string clusterArn, string serviceArn, string eventName, DateTimeOffset at) =>
        EventBridge("ECS Service Action", "aws.ecs", [serviceArn], at, new JsonObject
        {
            ["eventType"] = "INFO",
            ["eventName"] = eventName,
            ["clusterArn"] = clusterArn,
            ["createdAt"] = Time(at),
        });

    public string DeploymentStateChange(string serviceArn, string deploymentId, string eventName, DateTimeOffset at) =>
        EventBridge("ECS Deployment State Change", "aws.ecs", [serviceArn], at, new JsonObject
        {
            ["eventType"] = "INFO",
            ["eventName"] = eventName,
            ["deploymentId"] = deploymentId,
            ["updatedAt"] = Time(at),
            ["reason"] = $"ECS deployment {deploymentId} {(eventName == "SERVICE_DEPLOYMENT_COMPLETED" ? "completed" : "in progress")}.",
        });

    /// <param name="created">True for a write (PutObject), false for a deletion.</param>
    public string ObjectEvent(S3EventDelivery delivery, string bucket, string key, string? eTag, long size, bool created, DateTimeOffset at)
    {
        var sequencer = Interlocked.Increment(ref _sequence).ToString("X16", CultureInfo.InvariantCulture);
        if (delivery == S3EventDelivery.EventBridge)
        {
            var target = new JsonObject { ["key"] = key, ["sequencer"] = sequencer };
            if (created)
            {
                target["size"] = size;
                target["etag"] = eTag?.Trim('"');
            }

            return EventBridge(created ? "Object Created" : "Object Deleted", "aws.s3", [$"arn:aws:s3:::{bucket}"], at, new JsonObject
            {
                ["version"] = "0",
                ["bucket"] = new JsonObject { ["name"] = bucket },
                ["object"] = target,
                ["request-id"] = sequencer,
                ["requester"] = account,
                ["reason"] = created ? "PutObject" : "DeleteObject",
                ["deletion-type"] = created ? null : "Permanently Deleted",
            });
        }

        var s3Object = new JsonObject { ["key"] = WebUtility.UrlEncode(key), ["sequencer"] = sequencer };
        if (created)
        {
            s3Object["size"] = size;
            s3Object["eTag"] = eTag?.Trim('"');
        }

        return new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["eventVersion"] = "2.1",
                ["eventSource"] = "aws:s3",
                ["awsRegion"] = region,
                ["eventTime"] = Time(at),
                ["eventName"] = created ? "ObjectCreated:Put" : "ObjectRemoved:Delete",
                ["userIdentity"] = new JsonObject { ["principalId"] = account },
                ["s3"] = new JsonObject
                {
                    ["s3SchemaVersion"] = "1.0",
                    ["configurationId"] = "zeebe-operator-specs",
                    ["bucket"] = new JsonObject { ["name"] = bucket, ["arn"] = $"arn:aws:s3:::{bucket}" },
                    ["object"] = s3Object,
                },
            }),
        }.ToJsonString();
    }

    /// <summary>The message S3 sends to a queue when a notification to it is configured.</summary>
    public static string S3TestEvent(string bucket, DateTimeOffset at) => new JsonObject
    {
        ["Service"] = "Amazon S3",
        ["Event"] = "s3:TestEvent",
        ["Time"] = Time(at),
        ["Bucket"] = bucket,
        ["RequestId"] = "5582815E1AEA5ADF",
        ["HostId"] = "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE",
    }.ToJsonString();

    private string EventBridge(string detailType, string source, string[] resources, DateTimeOffset at, JsonObject detail) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.CreateVersion7(at).ToString(),
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = account,
        ["time"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["region"] = region,
        ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode?)r)]),
        ["detail"] = detail,
    }.ToJsonString();

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
