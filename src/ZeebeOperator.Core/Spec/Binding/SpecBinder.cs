using System.Text.Json;
using System.Xml;
using ZeebeOperator.Core.Spec.Model;

namespace ZeebeOperator.Core.Spec.Binding;

/// <summary>
/// Binds a parsed JSON document to <see cref="ZeebeClusterDocument"/>, field by field as <see cref="SpecModel"/>
/// describes them: shapes, types, defaults, unknown and repeated fields. Whatever fails to bind is reported and
/// replaced by its default or a placeholder, so binding always goes on to the end and reports every problem.
/// </summary>
internal static class SpecBinder
{
    public static ZeebeClusterDocument? Bind(JsonElement root, SpecErrorCollector errors) =>
        JsonObjectReader.Open(root, SpecPath.Root, errors) is { } document
            ? (ZeebeClusterDocument)BindObject(document, SpecModel.Document, errors)
            : null;

    private static object BindObject(JsonObjectReader reader, SpecObjectModel model, SpecErrorCollector errors)
    {
        foreach (var field in model.Fields.Where(f => f.Declared.LeftOutWhenSet is not null))
        {
            var decidingField = model.FieldOf(field.Declared.LeftOutWhenSet!);
            if (reader.IsPresent(field.JsonName) && reader.IsPresent(decidingField.JsonName))
            {
                errors.Unbound(reader.FieldPath(field.JsonName), field.LeftOutMessage(reader.FieldPath(decidingField.JsonName)));
            }
        }

        var values = model.Fields.Select(field => BindField(reader, field, errors)).ToArray();
        reader.RejectUnknownFields();
        return model.Create(values);
    }

    private static object? BindField(JsonObjectReader reader, SpecFieldModel field, SpecErrorCollector errors)
    {
        var path = reader.FieldPath(field.JsonName);
        var value = reader.Get(field.JsonName);
        if (value is null || (field.IsNullable && value.Value.ValueKind == JsonValueKind.Null))
        {
            if (field.IsRequired)
            {
                errors.Unbound(path, "is required");
            }

            return field.Fallback();
        }

        return Read(value.Value, field, path, errors) ?? field.Fallback();
    }

    /// <summary>The value, or null when it cannot be read (the error is reported).</summary>
    private static object? Read(JsonElement value, SpecFieldModel field, string path, SpecErrorCollector errors) => field.Kind switch
    {
        SpecValueKind.String => JsonValues.ReadString(value, path, field.MaxTextLength, errors),
        SpecValueKind.Int32 => JsonValues.ReadInt(value, path, errors),
        SpecValueKind.Int64 => JsonValues.ReadLong(value, path, errors),
        SpecValueKind.Boolean => JsonValues.ReadBool(value, path, errors),
        SpecValueKind.Enum => ReadEnum(value, field, path, errors),
        SpecValueKind.Duration => ReadDuration(value, path, errors),
        SpecValueKind.StringList => ReadStringList(value, path, errors),
        SpecValueKind.StringMap => ReadStringMap(value, path, field.MaxTextLength, errors),
        SpecValueKind.ObjectList => ReadObjectList(value, field, path, errors),
        _ => JsonObjectReader.Open(value, path, errors) is { } reader ? BindObject(reader, field.Object, errors) : null,
    };

    private static object? ReadEnum(JsonElement value, SpecFieldModel field, string path, SpecErrorCollector errors)
    {
        var text = JsonValues.ReadString(value, path, SpecLimits.MaxStringLength, errors);
        if (text is null)
        {
            return null;
        }

        if (field.EnumValues.FirstOrDefault(v => v.Name == text) is { } known)
        {
            return known.Value;
        }

        errors.Unbound(path, $"must be one of {string.Join(", ", field.EnumValues.Select(v => $"\"{v.Name}\""))}, not \"{text}\"");
        return null;
    }

    private static List<string>? ReadStringList(JsonElement value, string path, SpecErrorCollector errors)
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

    private static Array? ReadObjectList(JsonElement value, SpecFieldModel field, string path, SpecErrorCollector errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Unbound(path, $"must be an array of objects, not {JsonValues.Describe(value)}");
            return null;
        }

        return field.ListOf([.. value.EnumerateArray()
            .Select((item, index) => JsonObjectReader.Open(item, SpecPath.Index(path, index), errors) is { } reader
                ? BindObject(reader, field.Object, errors)
                : field.Object.Placeholder())]);
    }

    private static Dictionary<string, string>? ReadStringMap(JsonElement value, string path, int maxValueLength, SpecErrorCollector errors)
    {
        var reader = JsonObjectReader.Open(value, path, errors);
        if (reader is null)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, item) in reader.Fields)
        {
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

    private static TimeSpan? ReadDuration(JsonElement value, string path, SpecErrorCollector errors)
    {
        var text = JsonValues.ReadString(value, path, SpecLimits.MaxStringLength, errors);
        if (text is null)
        {
            return null;
        }

        if (!SpecPatterns.Duration().IsMatch(text))
        {
            errors.Unbound(path, $"must be an ISO-8601 duration in days, hours, minutes and seconds such as \"PT2H\", not \"{text}\"");
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            errors.Unbound(path, $"is too large to be a duration: \"{text}\"");
            return null;
        }
    }
}
