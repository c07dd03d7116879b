namespace ZeebeOperator.Samples.Subscriber;

/// <summary>
/// Where the subscriber listens. The environment variables carry the same names and values as the task definition's
/// docker labels that tell the operator where to POST (<c>NOTIFY_ME_CONTAINER_PORT</c>, <c>NOTIFY_ME_API_URI</c>).
/// </summary>
public sealed record SubscriberOptions(int Port, string Path, int RememberedIds)
{
    public const string PortVariable = "NOTIFY_ME_CONTAINER_PORT";
    public const string PathVariable = "NOTIFY_ME_API_URI";
    public const string RememberedIdsVariable = "SUBSCRIBER_REMEMBERED_IDS";

    public static SubscriberOptions Default { get; } = new(8080, "/zeebe-notifications", 10_000);

    /// <summary>Reads the options; throws <see cref="InvalidOperationException"/> naming the variable and the rule.</summary>
    public static SubscriberOptions From(IConfiguration configuration)
    {
        var port = Number(configuration, PortVariable, Default.Port, 1, 65_535);
        var path = configuration[PathVariable] is { Length: > 0 } configured ? configured : Default.Path;
        if (!path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{PathVariable} must be a path starting with '/', without query or fragment (was '{path}').");
        }

        return new(port, path, Number(configuration, RememberedIdsVariable, Default.RememberedIds, 1, 10_000_000));
    }

    private static int Number(IConfiguration configuration, string name, int fallback, int min, int max)
    {
        var text = configuration[name];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{name} must be a whole number from {min} to {max} (was '{text}').");
    }
}
