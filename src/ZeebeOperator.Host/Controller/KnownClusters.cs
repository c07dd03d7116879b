using System.Collections.Frozen;

namespace ZeebeOperator.Host.Controller;

/// <summary>The clusters whose specs the last successful listing showed; the resync job walks these.</summary>
internal sealed class KnownClusters
{
    private FrozenSet<string> current = FrozenSet<string>.Empty;

    public IReadOnlyCollection<string> Snapshot() => Volatile.Read(ref current);

    public void Replace(IEnumerable<string> clusterNames) =>
        Volatile.Write(ref current, clusterNames.ToFrozenSet(StringComparer.Ordinal));
}
