using System.Collections.ObjectModel;

namespace ZeebeOperator.Simulation.Infrastructure;

/// <summary>Copies callers' collections so neither side can change the other's data.</summary>
internal static class Frozen
{
    public static IReadOnlyList<T> List<T>(IEnumerable<T>? items) =>
        items is null ? [] : Array.AsReadOnly(items.ToArray());

    public static IReadOnlyDictionary<string, string> Map(IEnumerable<KeyValuePair<string, string>>? items) =>
        items is null
            ? ReadOnlyDictionary<string, string>.Empty
            : new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(items, StringComparer.Ordinal));
}
