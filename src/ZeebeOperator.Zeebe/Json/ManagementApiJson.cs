using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeebeOperator.Zeebe.Json;

/// <summary>camelCase, case-insensitive on read, numbers accepted as strings, unknown fields ignored.</summary>
internal static class ManagementApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}
