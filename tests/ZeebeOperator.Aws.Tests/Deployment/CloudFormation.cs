using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ZeebeOperator.Aws.Tests.Deployment;

/// <summary>
/// The intrinsic functions the sample template uses (<c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c>, <c>Fn::If</c>): every name
/// they reference, and the template's values with given parameter and resource values filled in.
/// </summary>
internal static partial class CloudFormation
{
    public static readonly IReadOnlySet<string> PseudoParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::Region", "AWS::StackName", "AWS::Partition", "AWS::URLSuffix", "AWS::StackId", "AWS::NoValue",
    };

    /// <summary>Every logical name the node references, with the attribute for <c>GetAtt</c> (<c>Name.Attr</c>) or none.</summary>
    public static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } o when o["Ref"] is JsonValue reference:
                yield return (string)reference!;
                break;
            case JsonObject { Count: 1 } o when o["Fn::GetAtt"] is JsonArray getAtt:
                yield return $"{getAtt[0]}.{getAtt[1]}";
                break;
            case JsonObject { Count: 1 } o when o["Fn::Sub"] is JsonValue sub:
                foreach (Match m in Variable().Matches((string)sub!))
                {
                    yield return m.Groups[1].Value;
                }

                break;
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    foreach (var name in References(child))
                    {
                        yield return name;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var name in References(child))
                    {
                        yield return name;
                    }
                }

                break;
        }
    }

    /// <summary>The condition name of every <c>Fn::If</c> in the node.</summary>
    public static IEnumerable<string> ConditionNames(JsonNode? node) => node switch
    {
        JsonObject { Count: 1 } o when o["Fn::If"] is JsonArray conditional =>
            conditional.Skip(1).SelectMany(ConditionNames).Prepend((string)conditional[0]!),
        JsonObject o => o.SelectMany(p => ConditionNames(p.Value)),
        JsonArray a => a.SelectMany(ConditionNames),
        _ => [],
    };

    /// <summary>
    /// The node with every intrinsic function replaced by its value from <paramref name="values"/>; a condition of
    /// <c>Fn::If</c> is looked up there by name (true or false), and <c>AWS::NoValue</c> drops the item it stands for.
    /// </summary>
    public static JsonNode? Evaluate(JsonNode? node, IReadOnlyDictionary<string, JsonNode> values)
    {
        var value = EvaluateOrNoValue(node, values);
        return ReferenceEquals(value, NoValue) ? null : value;
    }

    private static readonly JsonValue NoValue = JsonValue.Create("AWS::NoValue");

    private static JsonNode? EvaluateOrNoValue(JsonNode? node, IReadOnlyDictionary<string, JsonNode> values) => node switch
    {
        JsonObject { Count: 1 } o when o["Ref"] is JsonValue r && (string)r! == "AWS::NoValue" => NoValue,
        JsonObject { Count: 1 } o when o["Ref"] is JsonValue r => Value((string)r!, values),
        JsonObject { Count: 1 } o when o["Fn::GetAtt"] is JsonArray g => Value($"{g[0]}.{g[1]}", values),
        JsonObject { Count: 1 } o when o["Fn::Sub"] is JsonValue s =>
            JsonValue.Create(Variable().Replace((string)s!, m => (string)Value(m.Groups[1].Value, values)!)),
        JsonObject { Count: 1 } o when o["Fn::If"] is JsonArray c =>
            EvaluateOrNoValue(Value((string)c[0]!, values).GetValue<bool>() ? c[1] : c[2], values),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, EvaluateOrNoValue(p.Value, values))).Where(p => !ReferenceEquals(p.Value, NoValue))),
        JsonArray a => new JsonArray([.. a.Select(n => EvaluateOrNoValue(n, values)).Where(n => !ReferenceEquals(n, NoValue))]),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex(@"\$\{([^}!][^}]*)\}")]
    private static partial Regex Variable();

    private static JsonNode Value(string name, IReadOnlyDictionary<string, JsonNode> values) =>
        values.TryGetValue(name, out var value) ? value.DeepClone() : throw new KeyNotFoundException($"no value for {name}");
}
