using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>A valid spec as JSON, changed one field at a time by dotted path: <c>Set("spec.resources.cpu", 512)</c>.</summary>
internal sealed class SpecJson
{
    /// <summary>The valid spec every test starts from, as a document.</summary>
    public static ZeebeClusterDocument Document { get; } = ValidDocument();

    /// <summary>The same spec as the JSON text a user commits: every field written out, indented.</summary>
    public static string Valid { get; } = SpecSerializer.ToJson(Document);

    private readonly JsonObject root = JsonNode.Parse(Valid)!.AsObject();

    public static SpecJson Create() => new();

    public SpecJson Set(string path, JsonNode? value)
    {
        var (parent, name) = Navigate(path);
        parent[name] = value;
        return this;
    }

    public SpecJson SetRaw(string path, string json) => Set(path, JsonNode.Parse(json));

    public SpecJson Remove(string path)
    {
        var (parent, name) = Navigate(path);
        parent.Remove(name);
        return this;
    }

    public string ToJson() => root.ToJsonString();

    public SpecParseResult Parse() => SpecParser.Parse(ToJson());

    private static ZeebeClusterDocument ValidDocument()
    {
        var orders = TestSpecs.Orders();
        return orders with
        {
            Spec = orders.Spec with
            {
                Placement = orders.Spec.Placement with { Subnets = ["subnet-0a1b2c3d4e5f60718"] },
                UpdateStrategy = new UpdateStrategySpec(UpdateStrategyType.RollingUpdate, new MaintenanceWindowSpec("0 0 2 ? * SUN", TimeSpan.FromHours(2))),
            },
        };
    }

    private (JsonObject Parent, string Name) Navigate(string path)
    {
        var names = path.Split('.');
        var parent = root;
        foreach (var name in names[..^1])
        {
            if (parent[name] is not JsonObject child)
            {
                child = [];
                parent[name] = child;
            }

            parent = child;
        }

        return (parent, names[^1]);
    }
}
