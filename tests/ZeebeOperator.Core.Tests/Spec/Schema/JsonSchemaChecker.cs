using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec.Schema;

/// <summary>
/// Checks a JSON instance against a JSON Schema (draft 2020-12), supporting exactly the keywords our schema uses.
/// Any other keyword throws, so the schema can never rely on something this checker silently ignores.
/// Violations carry the spec's own path style (<c>spec.placement.subnets[1]</c>) to compare with the C# validator.
/// </summary>
internal sealed class JsonSchemaChecker(JsonElement root)
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "default", "examples"];
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new();

    public static JsonSchemaChecker Load(string path) =>
        new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    public IReadOnlyList<SchemaViolation> Check(JsonElement instance)
    {
        var violations = new List<SchemaViolation>();
        Check(root, instance, SpecPath.Root, violations);
        return violations;
    }

    private void Check(JsonElement schema, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case var annotation when Annotations.Contains(annotation):
                case "$defs":
                    break;
                case "properties":
                    if (!schema.TryGetProperty("additionalProperties", out _))
                    {
                        CheckProperties(schema, default, instance, path, violations);
                    }

                    break;
                case "$ref":
                    Check(Resolve(value.GetString()!), instance, path, violations);
                    break;
                case "type":
                    CheckType(value, instance, path, violations);
                    break;
                case "enum":
                    if (!value.EnumerateArray().Any(option => JsonElement.DeepEquals(option, instance)))
                    {
                        violations.Add(new(path, "enum", $"must be one of {value.GetRawText()}"));
                    }

                    break;
                case "const":
                    if (!JsonElement.DeepEquals(value, instance))
                    {
                        violations.Add(new(path, "const", $"must be {value.GetRawText()}"));
                    }

                    break;
                case "required":
                    CheckRequired(value, instance, path, violations);
                    break;
                case "additionalProperties":
                    CheckProperties(schema, value, instance, path, violations);
                    break;
                case "propertyNames":
                    CheckPropertyNames(value, instance, path, violations);
                    break;
                case "maxProperties":
                    if (instance.ValueKind == JsonValueKind.Object && instance.EnumerateObject().Count() > value.GetInt32())
                    {
                        violations.Add(new(path, "maxProperties", $"must have at most {value.GetInt32()} properties"));
                    }

                    break;
                case "items":
                    CheckItems(value, instance, path, violations);
                    break;
                case "minItems" or "maxItems" or "uniqueItems":
                    CheckArray(keyword.Name, value, instance, path, violations);
                    break;
                case "pattern" or "minLength" or "maxLength":
                    CheckString(keyword.Name, value, instance, path, violations);
                    break;
                case "minimum" or "maximum":
                    CheckNumber(keyword.Name, value, instance, path, violations);
                    break;
                default:
                    throw new NotSupportedException($"The test schema checker does not support the keyword \"{keyword.Name}\".");
            }
        }
    }

    private JsonElement Resolve(string reference)
    {
        const string prefix = "#/$defs/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local $defs references are supported, not \"{reference}\".");
        }

        return root.GetProperty("$defs").GetProperty(reference[prefix.Length..]);
    }

    private static void CheckType(JsonElement type, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        var allowed = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [type.GetString()!];
        if (!allowed.Any(name => HasType(instance, name)))
        {
            violations.Add(new(path, "type", $"must be {string.Join(" or ", allowed)}"));
        }
    }

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsInteger(instance),
        _ => throw new NotSupportedException($"Unknown type \"{type}\"."),
    };

    private static bool IsInteger(JsonElement number)
    {
        var raw = number.GetRawText();
        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            return decimal.Truncate(exact) == exact;
        }

        var approximate = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsInfinity(approximate) || Math.Floor(approximate) == approximate;
    }

    private static void CheckRequired(JsonElement required, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var name in required.EnumerateArray().Select(n => n.GetString()!).Where(name => !instance.TryGetProperty(name, out _)))
        {
            violations.Add(new(SpecPath.Property(path, name), "required", "is required"));
        }
    }

    private void CheckProperties(
        JsonElement schema, JsonElement additional, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var declared = schema.TryGetProperty("properties", out var properties) ? properties : default;
        foreach (var property in instance.EnumerateObject())
        {
            var propertyPath = SpecPath.Property(path, property.Name);
            if (declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, propertyPath, violations);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                violations.Add(new(propertyPath, "additionalProperties", "unknown field"));
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(additional, property.Value, propertyPath, violations);
            }
        }
    }

    private void CheckPropertyNames(JsonElement nameSchema, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in instance.EnumerateObject())
        {
            Check(nameSchema, JsonSerializer.SerializeToElement(property.Name), SpecPath.Property(path, property.Name), violations);
        }
    }

    private void CheckItems(JsonElement itemSchema, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            Check(itemSchema, item, SpecPath.Index(path, index++), violations);
        }
    }

    private static void CheckArray(string keyword, JsonElement value, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var items = instance.EnumerateArray().ToList();
        var broken = keyword switch
        {
            "minItems" => items.Count < value.GetInt32(),
            "maxItems" => items.Count > value.GetInt32(),
            _ => value.GetBoolean() && items.Where((item, i) => items.Take(i).Any(earlier => JsonElement.DeepEquals(earlier, item))).Any(),
        };
        if (broken)
        {
            violations.Add(new(path, keyword, $"{keyword} {value.GetRawText()}"));
        }
    }

    private static void CheckString(string keyword, JsonElement value, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var text = instance.GetString()!;
        var length = text.EnumerateRunes().Count();
        var broken = keyword switch
        {
            "minLength" => length < value.GetInt32(),
            "maxLength" => length > value.GetInt32(),
            _ => !Pattern(value.GetString()!).IsMatch(text),
        };
        if (broken)
        {
            violations.Add(new(path, keyword, $"{keyword} {value.GetRawText()}"));
        }
    }

    private static void CheckNumber(string keyword, JsonElement bound, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return;
        }

        var comparison = Compare(instance.GetRawText(), bound.GetRawText());
        if ((keyword == "minimum" && comparison < 0) || (keyword == "maximum" && comparison > 0))
        {
            violations.Add(new(path, keyword, $"{keyword} {bound.GetRawText()}"));
        }
    }

    private static int Compare(string left, string right)
    {
        const NumberStyles style = NumberStyles.Float;
        var invariant = CultureInfo.InvariantCulture;
        if (decimal.TryParse(left, style, invariant, out var leftExact) && decimal.TryParse(right, style, invariant, out var rightExact))
        {
            return leftExact.CompareTo(rightExact);
        }

        return double.Parse(left, style, invariant).CompareTo(double.Parse(right, style, invariant));
    }

    /// <summary>JSON Schema patterns are ECMA-262: '$' ends the input, while in .NET it also matches before a final newline.</summary>
    private static Regex Pattern(string ecmaPattern) =>
        Patterns.GetOrAdd(ecmaPattern, pattern => new Regex(AnchorAtEndOfInput(pattern), RegexOptions.None, TimeSpan.FromSeconds(5)));

    private static string AnchorAtEndOfInput(string pattern)
    {
        var translated = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                translated.Append(c).Append(pattern[++i]);
                continue;
            }

            inClass = c switch
            {
                '[' => true,
                ']' => false,
                _ => inClass,
            };
            translated.Append(c == '$' && !inClass ? @"\z" : c.ToString());
        }

        return translated.ToString();
    }
}
