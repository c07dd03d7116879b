using System.Text.Json;
using System.Text.Json.Serialization;
using ZeebeOperator.Simulation.Chaos;

namespace ZeebeOperator.Soak;

internal static class SoakJson
{
    public static async Task WriteAsync(FileInfo file, SoakReport report, CancellationToken cancellationToken)
    {
        await using var stream = file.Create();
        await JsonSerializer.SerializeAsync(stream, report, SoakJsonContext.Default.SoakReport, cancellationToken);
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SoakReport))]
internal sealed partial class SoakJsonContext : JsonSerializerContext;
