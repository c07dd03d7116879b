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
        var describe = field.Describe;
        var schema = new JsonObject();
        if (describe.Const is { } constant)
        {
            schema["const"] = constant;
            return schema;
        }

        switch (field.Kind)
        {
            case SpecValueKind.String or SpecValueKind.Duration:
                schema["type"] = TypeName("string", field.IsNullable);
                DescribeText(schema, describe.MinLength, describe.MaxLength, describe.Pattern ?? (field.Kind == SpecValueKind.Duration ? SpecPatterns.DurationPattern : null));
                break;
            case SpecValueKind.Int32 or SpecValueKind.Int64:
                var is32 = field.Kind == SpecValueKind.Int32;
                schema["type"] = "integer";
                schema["minimum"] = describe.MinimumValue ?? (is32 ? int.MinValue : long.MinValue);
                schema["maximum"] = describe.MaximumValue ?? (is32 ? int.MaxValue : long.MaxValue);
                break;
            case SpecValueKind.Boolean:
                schema["type"] = "boolean";
                break;
            case SpecValueKind.Enum:
                schema["enum"] = new JsonArray([.. field.EnumValues.Select(v => (JsonNode?)v.Name)]);
                break;
            case SpecValueKind.StringList:
                DescribeList(schema, describe);
                break;
            case SpecValueKind.StringMap:
                DescribeMap(schema, describe);
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

        if (describe.Description is { } description)
        {
            schema["description"] = description;
        }

        if (describe.Example is { } example)
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

    private static void DescribeList(JsonObject schema, SpecFieldAttribute describe)
    {
        schema["type"] = "array";
        if (describe.MinItems > 0)
        {
            schema["minItems"] = describe.MinItems;
        }

        if (describe.MaxItems > 0)
        {
            schema["maxItems"] = describe.MaxItems;
        }

        if (describe.UniqueItems)
        {
            schema["uniqueItems"] = true;
        }

        var items = new JsonObject { ["type"] = "string" };
        DescribeText(items, 0, 0, describe.ItemPattern);
        schema["items"] = items;
    }

    private static void DescribeMap(JsonObject schema, SpecFieldAttribute describe)
    {
        schema["type"] = "object";
        if (describe.MaxItems > 0)
        {
            schema["maxProperties"] = describe.MaxItems;
        }

        var names = new JsonObject();
        DescribeText(names, describe.KeyMinLength, describe.KeyMaxLength, describe.KeyPattern);
        schema["propertyNames"] = names;
        var values = new JsonObject { ["type"] = "string" };
        DescribeText(values, 0, describe.ItemMaxLength, describe.ItemPattern);
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
