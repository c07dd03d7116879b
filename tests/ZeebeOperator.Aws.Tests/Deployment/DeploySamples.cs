using System.Text.Json.Nodes;
using ZeebeOperator.Aws.Tests.Infrastructure;

namespace ZeebeOperator.Aws.Tests.Deployment;

/// <summary>The files of <c>samples/deploy</c>, and the sample values they are written for.</summary>
internal static class DeploySamples
{
    public const string Region = "eu-central-1";
    public const string AccountId = "123456789012";
    public const string Cluster = "camunda-production";

    public static string Directory => Path.Combine(NpmTools.RepoRoot, "samples", "deploy");

    public static JsonObject TaskDefinition => Load("operator-task-definition.json");

    public static JsonObject Service => Load("operator-service.json");

    public static JsonObject Policy => Load("operator-iam-policy.json");

    public static JsonObject Template => Load("operator.cfn.json");

    public static JsonObject Container => TaskDefinition["containerDefinitions"]![0]!.AsObject();

    public static IReadOnlyDictionary<string, string> Environment =>
        Container["environment"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!, StringComparer.Ordinal);

    public static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, file)))!.AsObject();

    public static JsonObject Repository(string relativePath) => JsonNode.Parse(File.ReadAllText(Path.Combine(NpmTools.RepoRoot, relativePath)))!.AsObject();

    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => (string)n!),
        null => [],
        _ => [(string)node!],
    };
}
