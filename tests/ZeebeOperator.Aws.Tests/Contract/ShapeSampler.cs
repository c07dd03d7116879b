using System.Text.Json.Nodes;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>Builds a model-shaped document for an output shape that has no published example.</summary>
public static class ShapeSampler
{
    public static JsonObject Sample(ApiModel model, JsonNode? shapeRef) =>
        shapeRef is null ? [] : (JsonObject)(Build(model, model.Resolve(shapeRef), 0) ?? new JsonObject());

    private static JsonNode? Build(ApiModel model, JsonObject shape, int depth)
    {
        if (depth > 12)
        {
            return null;
        }

        switch (ApiModel.TypeOf(shape))
        {
            case "structure":
                var obj = new JsonObject();
                foreach (var (name, member) in shape["members"]?.AsObject() ?? [])
                {
                    var resolved = model.Resolve(member);
                    if (resolved["location"] is not null || name == "NextToken")
                    {
                        continue;
                    }

                    if (Build(model, resolved, depth + 1) is { } child)
                    {
                        obj[name] = child;
                    }
                }

                return obj;
            case "list":
                return Build(model, model.Resolve(shape["member"]), depth + 1) is { } item ? new JsonArray(item) : new JsonArray();
            case "map":
                return Build(model, model.Resolve(shape["value"]), depth + 1) is { } value ? new JsonObject { ["key"] = value } : new JsonObject();
            case "integer" or "long":
                return 1;
            case "double" or "float":
                return 1.5;
            case "boolean":
                return true;
            case "timestamp":
                return 1700000000.5;
            case "blob":
                return "AA==";
            default:
                return "sample";
        }
    }
}
