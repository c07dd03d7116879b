using System.Globalization;

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
            var other => Generic(other ?? "UNKNOWN", operation),
        };
    }

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
