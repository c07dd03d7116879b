using System.Text.Json;

namespace ZeebeOperator.Core.Spec.Binding;

/// <summary>
/// The fields of one JSON object. Every field asked for becomes known; <see cref="RejectUnknownFields"/> then
/// reports the rest, so a typo never passes silently. Repeated names are reported when the object is opened.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly Dictionary<string, JsonElement> fields = new(StringComparer.Ordinal);
    private readonly HashSet<string> knownFields = new(StringComparer.Ordinal);
    private readonly SpecErrorCollector errors;

    private JsonObjectReader(JsonElement element, string path, SpecErrorCollector errors)
    {
        Path = path;
        this.errors = errors;
        foreach (var field in element.EnumerateObject())
        {
            if (!fields.TryAdd(field.Name, field.Value))
            {
                errors.Add(FieldPath(field.Name), "duplicate field: each name may appear only once in an object");
            }
        }
    }

    public string Path { get; }

    /// <summary>Every field, for objects whose names are data (labels, env) rather than known fields.</summary>
    public IReadOnlyDictionary<string, JsonElement> Fields => fields;

    public static JsonObjectReader? Open(JsonElement element, string path, SpecErrorCollector errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return new JsonObjectReader(element, path, errors);
        }

        errors.Unbound(path, $"must be an object, not {JsonValues.Describe(element)}");
        return null;
    }

    public string FieldPath(string name) => SpecPath.Property(Path, name);

    /// <summary>The field's value, JSON null included; null when the field is left out.</summary>
    public JsonElement? Get(string name)
    {
        knownFields.Add(name);
        return fields.TryGetValue(name, out var value) ? value : null;
    }

    public bool IsPresent(string name) => Get(name) is { ValueKind: not JsonValueKind.Null };

    public void RejectUnknownFields()
    {
        foreach (var name in fields.Keys.Where(name => !knownFields.Contains(name)))
        {
            errors.Add(FieldPath(name), UnknownFieldMessage(name));
        }
    }

    private string UnknownFieldMessage(string name)
    {
        var suggestion = knownFields
            .Where(known => !fields.ContainsKey(known))
            .OrderBy(known => EditDistance.Between(known.ToUpperInvariant(), name.ToUpperInvariant()))
            .FirstOrDefault(known => EditDistance.Between(known.ToUpperInvariant(), name.ToUpperInvariant()) <= 2);
        return suggestion is null ? "unknown field" : $"unknown field (did you mean \"{suggestion}\"?)";
    }
}
