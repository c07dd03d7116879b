using System.Text.Json;

namespace ZeebeOperator.Core.Tests.BadInput;

/// <summary>
/// The hand-written malformed specs under <c>BadInput/Corpus</c> and, in <c>expected.json</c>, the JSON path of the
/// field each one must be rejected for and a fragment of the rule the error states.
/// </summary>
internal static class BadInputCorpus
{
    private static string Directory => Path.Combine(AppContext.BaseDirectory, "BadInput", "Corpus");

    public static IReadOnlyDictionary<string, Expectation> Expected { get; } =
        JsonSerializer.Deserialize<Dictionary<string, Expectation>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BadInput", "expected.json")))!;

    public static IReadOnlyList<string> Files =>
        [.. System.IO.Directory.EnumerateFiles(Directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>The file's bytes decoded as the spec stores do (a byte order mark is kept, not swallowed by the reader).</summary>
    public static string Read(string file) => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Directory, file)));

    internal sealed record Expectation(string Path, string Rule);
}
