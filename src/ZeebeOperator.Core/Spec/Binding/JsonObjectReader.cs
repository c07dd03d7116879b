using System.Text.Json;

namespace ZeebeOperator.Core.Spec.Binding;

/// <summary>
/// Reads the fields of one JSON object. Every field asked for becomes known; <see cref="RejectUnknownFields"/>
/// then reports the rest, so a typo never passes silently. Repeated names are reported when the object is opened.
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

    public bool IsPresent(string name) => Nullable(name) is not null;

    public string RequiredString(string name) =>
        Required(name) is { } value ? ReadString(name, value) ?? string.Empty : string.Empty;

    public string? NullableString(string name) =>
        Nullable(name) is { } value ? ReadString(name, value) : null;

    public string StringOrDefault(string name, string fallback) =>
        Optional(name) is { } value ? ReadString(name, value) ?? fallback : fallback;

    public int RequiredInt(string name) =>
        Required(name) is { } value ? JsonValues.ReadInt(value, FieldPath(name), errors) ?? 0 : 0;

    public int IntOrDefault(string name, int fallback) =>
        Optional(name) is { } value ? JsonValues.ReadInt(value, FieldPath(name), errors) ?? fallback : fallback;

    public long RequiredLong(string name) =>
        Required(name) is { } value ? JsonValues.ReadLong(value, FieldPath(name), errors) ?? -1 : -1;

    public long LongOrDefault(string name, long fallback) =>
        Optional(name) is { } value ? JsonValues.ReadLong(value, FieldPath(name), errors) ?? fallback : fallback;

    public bool BoolOrDefault(string name, bool fallback) =>
        Optional(name) is { } value ? JsonValues.ReadBool(value, FieldPath(name), errors) ?? fallback : fallback;

    public TEnum EnumOrDefault<TEnum>(string name, IReadOnlyDictionary<string, TEnum> names, TEnum fallback)
        where TEnum : struct, Enum =>
        Optional(name) is { } value ? ReadEnum(value, FieldPath(name), names) ?? fallback : fallback;

    public JsonObjectReader? RequiredObject(string name) =>
        Required(name) is { } value ? Open(value, FieldPath(name), errors) : null;

    public JsonObjectReader? NullableObject(string name) =>
        Nullable(name) is { } value ? Open(value, FieldPath(name), errors) : null;

    public JsonObjectReader? OptionalObject(string name) =>
        Optional(name) is { } value ? Open(value, FieldPath(name), errors) : null;

    public IReadOnlyList<string> RequiredStringList(string name) =>
        Required(name) is { } value ? ReadStringList(value, FieldPath(name)) ?? [] : [];

    public IReadOnlyDictionary<string, string> StringMapOrEmpty(string name, int maxValueLength) =>
        (Optional(name) is { } value ? ReadStringMap(value, FieldPath(name), maxValueLength) : null)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public void RejectUnknownFields()
    {
        foreach (var name in fields.Keys.Where(name => !knownFields.Contains(name)))
        {
            errors.Add(FieldPath(name), UnknownFieldMessage(name));
        }
    }

    private JsonElement? Required(string name)
    {
        var value = Optional(name);
        if (value is null)
        {
            errors.Unbound(FieldPath(name), "is required");
        }

        return value;
    }

    private JsonElement? Nullable(string name) =>
        Optional(name) is { ValueKind: not JsonValueKind.Null } value ? value : null;

    private JsonElement? Optional(string name)
    {
        knownFields.Add(name);
        return fields.TryGetValue(name, out var value) ? value : null;
    }

    private string? ReadString(string name, JsonElement value) =>
        JsonValues.ReadString(value, FieldPath(name), SpecLimits.MaxStringLength, errors);

    private TEnum? ReadEnum<TEnum>(JsonElement value, string path, IReadOnlyDictionary<string, TEnum> names)
        where TEnum : struct, Enum
    {
        var text = JsonValues.ReadString(value, path, SpecLimits.MaxStringLength, errors);
        if (text is null)
        {
            return null;
        }

        if (names.TryGetValue(text, out var parsed))
        {
            return parsed;
        }

        errors.Unbound(path, $"must be one of {string.Join(", ", names.Keys.Select(n => $"\"{n}\""))}, not \"{text}\"");
        return null;
    }

    private List<string>? ReadStringList(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Unbound(path, $"must be an array of strings, not {JsonValues.Describe(value)}");
            return null;
        }

        return value.EnumerateArray()
            .Select((item, index) => JsonValues.ReadString(item, SpecPath.Index(path, index), SpecLimits.MaxStringLength, errors) ?? string.Empty)
            .ToList();
    }

    private Dictionary<string, string>? ReadStringMap(JsonElement value, string path, int maxValueLength)
    {
        var reader = Open(value, path, errors);
        if (reader is null)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, item) in reader.fields)
        {
            reader.knownFields.Add(key);
            var entryPath = reader.FieldPath(key);
            if (key.Length > SpecLimits.MaxStringLength || key.Any(char.IsControl))
            {
                errors.Unbound(entryPath, $"the name must be at most {SpecLimits.MaxStringLength} characters long and contain no control characters");
                continue;
            }

            if (JsonValues.ReadString(item, entryPath, maxValueLength, errors) is { } text)
            {
                map[key] = text;
            }
        }

        return map;
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
