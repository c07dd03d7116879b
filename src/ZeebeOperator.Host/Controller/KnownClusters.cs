using System.Collections.Frozen;

namespace ZeebeOperator.Host.Controller;

/// <summary>
/// The clusters whose specs the last successful listing showed, and those whose spec an S3 event announced since; the
/// resync job walks these, and ECS events are matched against them.
/// </summary>
internal sealed class KnownClusters
{
    private readonly Lock gate = new();
    private FrozenSet<string> current = FrozenSet<string>.Empty;

    public IReadOnlyCollection<string> Snapshot() => Volatile.Read(ref current);

    public void Replace(IEnumerable<string> clusterNames)
    {
        var replacement = clusterNames.ToFrozenSet(StringComparer.Ordinal);
        lock (gate)
        {
            Volatile.Write(ref current, replacement);
        }
    }

    /// <summary>Adds clusters whose spec was written since the last listing (the next listing has them anyway).</summary>
    public void Add(IEnumerable<string> clusterNames)
    {
        lock (gate)
        {
            var known = Volatile.Read(ref current);
            var added = clusterNames.Where(c => !known.Contains(c)).ToList();
            if (added.Count > 0)
            {
                Volatile.Write(ref current, known.Concat(added).ToFrozenSet(StringComparer.Ordinal));
            }
        }
    }
}
