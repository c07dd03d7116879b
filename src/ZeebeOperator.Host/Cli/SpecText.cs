using System.Text.Json;
using System.Text.Json.Nodes;

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
/// A spec's JSON as the CLI edits it: the fields the CLI owns (<c>metadata.generation</c>,
/// <c>metadata.deletionRequested</c>) and a field-level comparison that ignores the generation.
/// </summary>
internal static class SpecText
{
    private const string Metadata = "metadata";
    private const string Generation = "generation";
    private const string DeletionRequested = "deletionRequested";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The JSON object of a spec; null when it is not one (the parser reports why).</summary>
    public static JsonObject? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static long GenerationOf(JsonObject spec) =>
        spec[Metadata]?[Generation] is JsonValue value && value.TryGetValue<long>(out var generation) ? generation : 1;

    public static bool DeletionRequestedOf(JsonObject spec) =>
        spec[Metadata]?[DeletionRequested] is JsonValue value && value.TryGetValue<bool>(out var requested) && requested;

    /// <summary>A copy with the CLI-owned metadata set, as indented JSON.</summary>
    public static string Render(JsonObject spec, long generation, bool? deletionRequested = null)
    {
        var copy = (JsonObject)spec.DeepClone();
        if (copy[Metadata] is not JsonObject metadata)
        {
            metadata = [];
            copy[Metadata] = metadata;
        }

        metadata[Generation] = generation;
        if (deletionRequested is { } requested)
        {
            metadata[DeletionRequested] = requested;
        }

        return copy.ToJsonString(Indented) + "\n";
    }

    /// <summary>Field-level differences from <paramref name="from"/> to <paramref name="to"/>, without <c>metadata.generation</c>.</summary>
    public static IReadOnlyList<FieldChange> Diff(JsonNode? from, JsonNode? to)
    {
        var changes = new List<FieldChange>();
        Compare(string.Empty, new Slot(from is not null, from), new Slot(to is not null, to), changes);
        changes.RemoveAll(change => change.Path == $"{Metadata}.{Generation}");
        return changes;
    }

    private static void Compare(string path, Slot from, Slot to, List<FieldChange> changes)
    {
        switch (from.Node, to.Node)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    Compare(path.Length == 0 ? key : $"{path}.{key}", Slot.Of(a, key), Slot.Of(b, key), changes);
                }

                break;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    Compare($"{path}[{i}]", new Slot(i < a.Count, i < a.Count ? a[i] : null), new Slot(i < b.Count, i < b.Count ? b[i] : null), changes);
                }

                break;
            default:
                var before = from.Text;
                var after = to.Text;
                if (before != after)
                {
                    changes.Add(new FieldChange(path.Length == 0 ? "$" : path, before, after));
                }

                break;
        }
    }

    /// <summary>A value in a spec, which may be absent (not the same as JSON null).</summary>
    private readonly record struct Slot(bool Present, JsonNode? Node)
    {
        public string? Text => Present ? Node?.ToJsonString() ?? "null" : null;

        public static Slot Of(JsonObject parent, string key) =>
            parent.TryGetPropertyValue(key, out var node) ? new Slot(true, node) : new Slot(false, null);
    }
}
