using System.Text.Json;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Cli;

/// <summary>A spec file in a folder and the cluster it holds (the file is named after the cluster).</summary>
internal sealed record ClusterSpecFile(string Path, string ClusterName);

/// <summary>Finding spec files on disk for the CLI.</summary>
internal static class SpecFiles
{
    private static readonly string KindField = SpecPath.Of(d => d.Kind);

    /// <summary>Files stay as given; folders become their top-level <c>*.json</c> files, in name order.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                files.AddRange(TopLevelJson(input));
            }
            else
            {
                files.Add(input);
            }
        }

        return files;
    }

    /// <summary>
    /// The ZeebeCluster specs of a folder: top-level <c>*.json</c> files whose <c>kind</c> is <c>ZeebeCluster</c>.
    /// Other JSON (AWS templates, sub-folders) is left alone.
    /// </summary>
    public static IReadOnlyList<ClusterSpecFile> FindClusterSpecs(string directory) =>
        [.. TopLevelJson(directory)
            .Where(path => IsZeebeCluster(File.ReadAllText(path)))
            .Select(path => (Path: path, Name: SpecKeys.ClusterNameOf(Path.GetFileName(path))))
            .Where(spec => spec.Name is not null)
            .Select(spec => new ClusterSpecFile(spec.Path, spec.Name!))];

    /// <summary>True for a JSON object whose top-level <c>kind</c> is <c>ZeebeCluster</c>; false for anything else, broken JSON included.</summary>
    public static bool IsZeebeCluster(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(KindField, out var kind)
                && kind.ValueKind == JsonValueKind.String
                && kind.GetString() == ZeebeClusterDocument.ResourceKind;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<string> TopLevelJson(string directory) =>
        Directory.EnumerateFiles(directory, "*" + SpecKeys.Extension, SearchOption.TopDirectoryOnly)
            .Where(path => path.EndsWith(SpecKeys.Extension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
