using System.Text.Json.Nodes;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>One of the official API models as aws-sdk v2 ships them (<c>apis/*.min.json</c>), plus its examples.</summary>
public sealed class ApiModel
{
    private readonly JsonObject _model;
    private readonly JsonObject? _examples;

    private ApiModel(JsonObject model, JsonObject? examples)
    {
        _model = model;
        _examples = examples;
    }

    public JsonObject Metadata => _model["metadata"]!.AsObject();

    public string Protocol => (string)Metadata["protocol"]!;

    public string? TargetPrefix => (string?)Metadata["targetPrefix"];

    public static ApiModel Load(string stem)
    {
        var model = JsonNode.Parse(File.ReadAllText(Infrastructure.NpmTools.ApiModel(stem + ".min.json")))!.AsObject();
        var examplesPath = Infrastructure.NpmTools.ApiModel(stem + ".examples.json");
        var examples = File.Exists(examplesPath) ? JsonNode.Parse(File.ReadAllText(examplesPath))!["examples"]?.AsObject() : null;
        return new ApiModel(model, examples);
    }

    public JsonObject Operation(string name) =>
        _model["operations"]![name]?.AsObject() ?? throw new InvalidOperationException($"The model has no operation {name}.");

    /// <summary>Resolves <c>{"shape": "S3"}</c> references (and merges the referencing member's own traits).</summary>
    public JsonObject Resolve(JsonNode? shape)
    {
        var obj = shape?.AsObject() ?? new JsonObject();
        if (obj["shape"] is JsonValue reference)
        {
            var target = _model["shapes"]![(string)reference!]!.AsObject();
            var merged = Resolve(target).DeepClone().AsObject();
            foreach (var (key, value) in obj)
            {
                if (key != "shape")
                {
                    merged[key] = value?.DeepClone();
                }
            }

            return merged;
        }

        return obj;
    }

    public static string TypeOf(JsonObject shape) => (string?)shape["type"] ?? "string";

    /// <summary>The outputs of the operation's examples, if the examples file has any.</summary>
    public IReadOnlyList<JsonObject> ExampleOutputs(string operation) =>
        _examples?[operation] is JsonArray list
            ? [.. list.Select(e => e?["output"]).OfType<JsonObject>()]
            : [];
}
