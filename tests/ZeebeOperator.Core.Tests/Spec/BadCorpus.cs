using System.Text.Json;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>
/// The bad specs, each breaking one rule, and the field path that rule is about. Files under
/// <c>validator-only/</c> break rules the JSON Schema cannot express (across fields, case-insensitive names,
/// repeated keys), so only the C# validator rejects them.
/// </summary>
internal static class BadCorpus
{
    public const string IndexFile = "expected-paths.json";
    public const string ValidatorOnlyFolder = "validator-only/";

    public static IReadOnlyDictionary<string, string> ExpectedPaths { get; } =
        JsonSerializer.Deserialize<Dictionary<string, string>>(TestFiles.Read($"bad/{IndexFile}"))!;

    public static IReadOnlyList<string> SchemaExpressible() =>
        [.. ExpectedPaths.Keys.Where(file => !file.StartsWith(ValidatorOnlyFolder, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> ValidatorOnly() =>
        [.. ExpectedPaths.Keys.Where(file => file.StartsWith(ValidatorOnlyFolder, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
