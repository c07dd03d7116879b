using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using ZeebeOperator.Core.Spec.Model;

namespace ZeebeOperator.Core.Spec;

/// <summary>
/// Writes a spec as the JSON a user commits, field by field as <see cref="SpecModel"/> describes them: every field
/// with its value, defaults included, except null ones and those another field decides (launchType beside a
/// capacityProvider). What it writes parses back to the same document.
/// </summary>
public static class SpecSerializer
{
    /// <summary>Indented, and without escaping what JSON does not require (non-ASCII text, <c>+</c>, <c>&lt;</c>).</summary>
    public static JsonSerializerOptions TextOptions { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject ToJsonObject(ZeebeClusterDocument document) => WriteObject(document, SpecModel.Document);

    /// <summary>The document as indented JSON text, ending with a newline.</summary>
    public static string ToJson(ZeebeClusterDocument document) => ToJsonObject(document).ToJsonString(TextOptions) + "\n";

    internal static JsonNode? WriteValue(object? value, SpecFieldModel field) => value switch
    {
        null => null,
        _ => field.Kind switch
        {
            SpecValueKind.String => JsonValue.Create((string)value),
            SpecValueKind.Int32 => JsonValue.Create((int)value),
            SpecValueKind.Int64 => JsonValue.Create((long)value),
            SpecValueKind.Boolean => JsonValue.Create((bool)value),
            SpecValueKind.Enum => JsonValue.Create(field.WireName(value)),
            SpecValueKind.Duration => JsonValue.Create(XmlConvert.ToString((TimeSpan)value)),
            SpecValueKind.StringList => new JsonArray([.. ((IReadOnlyList<string>)value).Select(item => (JsonNode?)JsonValue.Create(item))]),
            SpecValueKind.StringMap => new JsonObject(((IReadOnlyDictionary<string, string>)value)
                .Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)JsonValue.Create(entry.Value)))),
            SpecValueKind.ObjectList => new JsonArray([.. ((System.Collections.IEnumerable)value).Cast<object>().Select(item => (JsonNode?)WriteObject(item, field.Object))]),
            _ => WriteObject(value, field.Object),
        },
    };

    private static JsonObject WriteObject(object record, SpecObjectModel model)
    {
        var json = new JsonObject();
        foreach (var field in model.Fields)
        {
            var value = field.ValueIn(record);
            var decidedElsewhere = field.Declared.LeftOutWhenSet is { } deciding && model.FieldOf(deciding).ValueIn(record) is not null;
            if (value is not null && !decidedElsewhere)
            {
                json[field.JsonName] = WriteValue(value, field);
            }
        }

        return json;
    }
}
