using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Cli;

/// <summary>One field that differs between two specs: its path and both values as JSON (null: absent).</summary>
internal sealed record FieldChange(string Path, string? From, string? To)
{
    public override string ToString() => (From, To) switch
    {
        (null, _) => $"+ {Path}: {To}",
        (_, null) => $"- {Path}: {From}",
        _ => $"~ {Path}: {From} -> {To}",
    };
}

/// <summary>
/// A spec as the CLI writes and compares it: the model's serialised form (<see cref="SpecSerializer"/>), so a
/// reformatted file or a default written out is no change.
/// </summary>
internal static class SpecText
{
    private static readonly string GenerationPath = SpecPath.Of(d => d.Metadata.Generation);
    private static readonly JsonSerializerOptions ValueText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as the store keeps it.</summary>
    public static string Render(ZeebeClusterDocument document) => SpecSerializer.ToJson(document);

    /// <summary>Field-level differences from <paramref name="from"/> to <paramref name="to"/>, without <c>metadata.generation</c>.</summary>
    public static IReadOnlyList<FieldChange> Diff(ZeebeClusterDocument? from, ZeebeClusterDocument? to)
    {
        var changes = new List<FieldChange>();
        Compare(SpecPath.Root, Slot.Of(from), Slot.Of(to), changes);
        changes.RemoveAll(change => change.Path == GenerationPath);
        return changes;
    }

    private static void Compare(string path, Slot from, Slot to, List<FieldChange> changes)
    {
        switch (from.Node, to.Node)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    Compare(SpecPath.Property(path, key), Slot.Of(a, key), Slot.Of(b, key), changes);
                }

                break;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    Compare(SpecPath.Index(path, i), new Slot(i < a.Count, i < a.Count ? a[i] : null), new Slot(i < b.Count, i < b.Count ? b[i] : null), changes);
                }

                break;
            default:
                var before = from.Text;
                var after = to.Text;
                if (before != after)
                {
                    changes.Add(new FieldChange(path, before, after));
                }

                break;
        }
    }

    /// <summary>A value in a spec, which may be absent (not the same as JSON null).</summary>
    private readonly record struct Slot(bool Present, JsonNode? Node)
    {
        public string? Text => Present ? Node?.ToJsonString(ValueText) ?? "null" : null;

        public static Slot Of(ZeebeClusterDocument? document) =>
            document is null ? new Slot(false, null) : new Slot(true, SpecSerializer.ToJsonObject(document));

        public static Slot Of(JsonObject parent, string key) =>
            parent.TryGetPropertyValue(key, out var node) ? new Slot(true, node) : new Slot(false, null);
    }
}
