using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ZeebeOperator.Samples.Subscriber;

/// <summary>
/// A service next to Zeebe that the operator notifies when a cluster changes: it logs each notification once,
/// recognising redeliveries by their <c>Idempotency-Key</c> among the last ids it saw.
/// </summary>
public static partial class SubscriberApp
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <param name="settings">Settings over the environment's, e.g. <c>urls</c> to listen elsewhere than on every interface.</param>
    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var options = SubscriberOptions.From(builder.Configuration);
        var listenOn = builder.Configuration["urls"] is { Length: > 0 } urls ? urls : $"http://+:{options.Port}";
        builder.WebHost.UseUrls(listenOn);

        // One line per notification is the point; the framework's per-request lines would bury it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new RecentIds(options.RememberedIds));

        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok(new Receipt(null, "ok")));
        app.MapPost(options.Path, ReceiveAsync);
        Log.Listening(app.Logger, listenOn, options.Path, options.RememberedIds);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, RecentIds seen, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SubscriberApp).FullName!);
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        Notification? notification;
        try
        {
            notification = await JsonSerializer.DeserializeAsync<Notification>(request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException e)
        {
            return Refuse(logger, key, $"the body is not a notification: {e.Message}");
        }

        if (Problem(notification, key) is { } problem)
        {
            return Refuse(logger, key, problem);
        }

        if (!seen.TryAdd(key))
        {
            Log.Duplicate(logger, key, notification!.Type, notification.Cluster);
            return Results.Ok(new Receipt(key, "duplicate"));
        }

        var brokers = string.Join(", ", notification!.Brokers.Select(b => $"{b.NodeId}={b.Address} ({b.DnsName})"));
        if (Notification.KnownTypes.Contains(notification.Type))
        {
            Log.Received(logger, notification.Type, notification.Cluster, notification.Generation, brokers, key);
        }
        else
        {
            Log.ReceivedUnknownType(logger, notification.Type, notification.Cluster, notification.Generation, brokers, key);
        }

        return Results.Ok(new Receipt(key, "accepted"));
    }

    /// <summary>What makes the notification unusable, naming the field and the rule; null when it is fine.</summary>
    private static string? Problem(Notification? notification, string key)
    {
        if (notification is null)
        {
            return "the body must be a JSON object";
        }

        string? broker = notification.Brokers?
            .Select((b, i) => b is null ? $"brokers[{i}] must be an object"
                : b.NodeId < 0 ? $"brokers[{i}].nodeId must be 0 or more"
                : string.IsNullOrWhiteSpace(b.DnsName) ? $"brokers[{i}].dnsName is required"
                : !IPAddress.TryParse(b.Address, out var address) || address.AddressFamily != AddressFamily.InterNetwork ? $"brokers[{i}].address must be an IPv4 address (was '{b.Address}')"
                : null)
            .FirstOrDefault(p => p is not null);
        return notification switch
        {
            { EventId: null or "" } => "eventId is required",
            _ when key.Length == 0 => $"the {IdempotencyKeyHeader} header is required",
            _ when key != notification.EventId => $"the {IdempotencyKeyHeader} header must equal eventId (was '{key}', eventId '{notification.EventId}')",
            { Type: null or "" } => "type is required",
            { Cluster: null or "" } => "cluster is required",
            { Generation: < 1 } => "generation must be 1 or more",
            { Time.Ticks: 0 } => "time is required (RFC 3339)",
            { Brokers: null } => "brokers is required (an empty list for cluster.deleted)",
            _ => broker,
        };
    }

    private static IResult Refuse(ILogger logger, string key, string problem)
    {
        Log.Malformed(logger, key, problem);
        return Results.BadRequest(new Receipt(key.Length > 0 ? key : null, "malformed", problem));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Listening for notifications on {Urls} at {Path}; remembering the last {RememberedIds} event ids")]
        public static partial void Listening(ILogger logger, string urls, string path, int rememberedIds);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Type} for cluster {Cluster} generation {Generation}: brokers {Brokers} (event {EventId})")]
        public static partial void Received(ILogger logger, string type, string cluster, long generation, string brokers, string eventId);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Type} (a type this subscriber does not know) for cluster {Cluster} generation {Generation}: brokers {Brokers} (event {EventId})")]
        public static partial void ReceivedUnknownType(ILogger logger, string type, string cluster, long generation, string brokers, string eventId);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Duplicate of event {EventId} ({Type} for cluster {Cluster}): already handled, ignored")]
        public static partial void Duplicate(ILogger logger, string eventId, string type, string cluster);

        [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Refused a malformed notification (Idempotency-Key '{EventId}'): {Problem}")]
        public static partial void Malformed(ILogger logger, string eventId, string problem);
    }
}
