namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>Files the test project copies next to its assembly: the spec corpus, the JSON Schema and the samples.</summary>
internal static class TestFiles
{
    public static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "SpecCorpus");

    public static string SchemaFile => Path.Combine(AppContext.BaseDirectory, "Schema", "zeebecluster.schema.json");

    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "Samples");

    public static IReadOnlyList<string> SampleFiles =>
        [.. Directory.EnumerateFiles(SamplesDirectory, "*.json").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal)];

    public static string Read(string relativeToCorpus) => File.ReadAllText(Path.Combine(CorpusDirectory, relativeToCorpus));

    public static IReadOnlyList<string> CorpusFiles(string folder, SearchOption search) =>
        [.. Directory.EnumerateFiles(Path.Combine(CorpusDirectory, folder), "*.json", search)
            .Select(file => Path.GetRelativePath(Path.Combine(CorpusDirectory, folder), file).Replace('\\', '/'))
            .Where(file => file != BadCorpus.IndexFile)
            .Order(StringComparer.Ordinal)];
}
