using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeebeOperator.Host.Cli;

internal enum OutputFormat
{
    Text,
    Json,
}

internal static class Output
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Messages quote names ("the cluster's services"): keep them readable; the output is not embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Option<OutputFormat> CreateOption() => new("--output", "-o")
    {
        Description = "Output format: text or json.",
        DefaultValueFactory = _ => OutputFormat.Text,
    };

    public static void WriteJson<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Json));
}
