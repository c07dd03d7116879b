using System.Globalization;
using System.Text.Json;

namespace ZeebeOperator.Zeebe.Json;

/// <summary>Human-readable text of a planned or pending operation, e.g. "broker 3 join partition 2".</summary>
internal static class OperationText
{
    public static string Describe(OperationDto operation)
    {
        var broker = operation.BrokerId?.ToString(CultureInfo.InvariantCulture) ?? "?";
        var partition = operation.PartitionId?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return operation.Operation?.Trim().ToUpperInvariant() switch
        {
            "BROKER_ADD" => $"add broker {broker}",
            "BROKER_REMOVE" => $"remove broker {broker}",
            "PARTITION_JOIN" => $"broker {broker} join partition {partition}",
            "PARTITION_LEAVE" => $"broker {broker} leave partition {partition}",
            "PARTITION_RECONFIGURE_PRIORITY" => $"broker {broker} reconfigure priority of partition {partition}",
            "BROKER_FORCE_REMOVE" => $"broker {broker} force-remove broker(s) {Brokers(operation)}",
            "PARTITION_FORCE_RECONFIGURE" => $"broker {broker} force-reconfigure partition {partition} to broker(s) {Brokers(operation)}",
            var other => Generic(other ?? "UNKNOWN", operation),
        };
    }

    /// <summary>The brokers an operation concerns (numbers or zone-aware ids, as Zeebe spelled them).</summary>
    private static string Brokers(OperationDto operation) =>
        operation.Brokers is { Count: > 0 } brokers
            ? string.Join(",", brokers.Select(b => b.ValueKind == JsonValueKind.String ? b.GetString() : b.GetRawText()))
            : "?";

    private static string Generic(string name, OperationDto operation)
    {
        var text = name.ToLowerInvariant().Replace('_', ' ');
        if (operation.BrokerId is { } broker)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" broker {broker}");
        }

        if (operation.PartitionId is { } partition)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" partition {partition}");
        }

        return text;
    }
}
