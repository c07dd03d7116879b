using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec.Model;

namespace ZeebeOperator.Core.Spec;

/// <summary>
/// The spec's JSON Schema (draft 2020-12) for editors, generated from <see cref="SpecModel"/>: every record a
/// definition, every field with its type, limits, pattern, default and description. The repository keeps a copy
/// in <see cref="RepositoryPath"/>, written by <c>zeebe-operator schema</c>; a test fails when the copy is stale.
/// </summary>
public static class SpecSchema
{
    public const string RepositoryPath = "crds/zeebecluster.schema.json";
    public const string Id = "https://zeebe.camunda.io/schemas/zeebecluster-v1alpha1.schema.json";

    private const string Description =
        "A Zeebe cluster run on Amazon ECS by the Zeebe ECS Operator: one ECS service, Cloud Map name and EFS access point per broker node ID. "
        + "Rules across fields (replicationFactor <= clusterSize, Fargate cpu/memory pairs, operator-owned env names, name lengths that depend on clusterSize) "
        + "are checked by the operator, not by this schema.";

    private const string DefinitionsPrefix = "#/$defs/";

    public static string ToJson() => Generate().ToJsonString(SpecSerializer.TextOptions) + "\n";

    public static JsonObject Generate()
    {
        var definitions = new JsonObject();
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = ZeebeClusterDocument.ResourceKind,
            ["description"] = Description,
            ["type"] = "object",
        };
        DescribeObject(schema, SpecModel.Document, definitions);
        schema["$defs"] = definitions;
        return schema;
    }

    private static void DescribeObject(JsonObject schema, SpecObjectModel model, JsonObject definitions)
    {
        if (model.Fields.Where(f => f.IsRequired).Select(f => (JsonNode?)f.JsonName).ToArray() is { Length: > 0 } required)
        {
            schema["required"] = new JsonArray(required);
        }

        schema["additionalProperties"] = false;
        schema["properties"] = new JsonObject(model.Fields.Select(f => KeyValuePair.Create(f.JsonName, (JsonNode?)DescribeField(f, definitions))));
    }

    private static JsonObject DescribeField(SpecFieldModel field, JsonObject definitions)
    {
        var declared = field.Declared;
        var schema = new JsonObject();
        if (declared.Const is { } constant)
        {
            schema["const"] = constant;
            return schema;
        }

        switch (field.Kind)
        {
            case SpecValueKind.String or SpecValueKind.Duration:
                schema["type"] = TypeName("string", field.IsNullable);
                // A duration's pattern is the binder's, for every duration field.
                DescribeText(schema, declared.MinLength, declared.MaxLength, field.Kind == SpecValueKind.Duration ? SpecPatterns.DurationPattern : declared.Pattern);
                break;
            case SpecValueKind.Int32 or SpecValueKind.Int64:
                var (lowest, highest) = field.Kind == SpecValueKind.Int32 ? (int.MinValue, int.MaxValue) : (long.MinValue, long.MaxValue);
                schema["type"] = TypeName("integer", field.IsNullable);
                schema["minimum"] = declared.MinimumValue ?? lowest;
                schema["maximum"] = declared.MaximumValue ?? highest;
                break;
            case SpecValueKind.Boolean:
                schema["type"] = "boolean";
                break;
            case SpecValueKind.Enum:
                schema["enum"] = new JsonArray([.. field.EnumValues.Select(v => (JsonNode?)v.Name)]);
                break;
            case SpecValueKind.StringList:
                DescribeList(schema, declared);
                break;
            case SpecValueKind.StringMap:
                DescribeMap(schema, declared);
                break;
            case SpecValueKind.ObjectList:
                schema["type"] = "array";
                schema["maxItems"] = declared.MaxItems;
                schema["items"] = new JsonObject { ["$ref"] = DefinitionsPrefix + Define(field, definitions) };
                break;
            default:
                schema["type"] = TypeName("object", field.IsNullable);
                schema["$ref"] = DefinitionsPrefix + Define(field, definitions);
                break;
        }

        if (!field.IsRequired)
        {
            schema["default"] = SpecSerializer.WriteValue(field.Default, field);
        }

        if (declared.Description is { } description)
        {
            schema["description"] = description;
        }

        if (declared.Example is { } example)
        {
            schema["examples"] = new JsonArray(example);
        }

        return schema;
    }

    /// <summary>Each record is described once, under the name of the field that holds it.</summary>
    private static string Define(SpecFieldModel field, JsonObject definitions)
    {
        if (!definitions.ContainsKey(field.JsonName))
        {
            var definition = new JsonObject();
            definitions[field.JsonName] = definition;
            DescribeObject(definition, field.Object, definitions);
        }

        return field.JsonName;
    }

    private static void DescribeList(JsonObject schema, SpecFieldAttribute declared)
    {
        schema["type"] = "array";
        if (declared.MinItems > 0)
        {
            schema["minItems"] = declared.MinItems;
        }

        schema["maxItems"] = declared.MaxItems;
        if (declared.UniqueItems)
        {
            schema["uniqueItems"] = true;
        }

        var items = new JsonObject { ["type"] = "string" };
        DescribeText(items, 0, 0, declared.ItemPattern);
        schema["items"] = items;
    }

    private static void DescribeMap(JsonObject schema, SpecFieldAttribute declared)
    {
        schema["type"] = "object";
        if (declared.MaxItems > 0)
        {
            schema["maxProperties"] = declared.MaxItems;
        }

        var names = new JsonObject();
        DescribeText(names, declared.KeyMinLength, declared.KeyMaxLength, declared.KeyPattern);
        schema["propertyNames"] = names;
        var values = new JsonObject { ["type"] = "string" };
        DescribeText(values, 0, declared.ItemMaxLength, declared.ItemPattern);
        schema["additionalProperties"] = values;
    }

    /// <summary>Strings longer than <see cref="SpecLimits.MaxStringLength"/> are refused unless a field allows more.</summary>
    private static void DescribeText(JsonObject schema, int minLength, int maxLength, string? pattern)
    {
        if (minLength > 0)
        {
            schema["minLength"] = minLength;
        }

        schema["maxLength"] = maxLength > 0 ? maxLength : SpecLimits.MaxStringLength;
        if (pattern is not null)
        {
            schema["pattern"] = pattern.Replace(@"\z", "$", StringComparison.Ordinal);
        }
    }

    private static JsonNode TypeName(string type, bool nullable) => nullable ? new JsonArray(type, "null") : JsonValue.Create(type);
}
