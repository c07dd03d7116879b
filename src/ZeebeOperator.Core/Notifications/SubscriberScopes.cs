using System.Collections.Concurrent;

namespace ZeebeOperator.Core.Notifications;

/// <summary>
/// Where subscribers are looked for: the ECS clusters the specs place their brokers in and those their
/// <c>spec.notify.ecsClusters</c> name, as the reconciler last read each spec.
/// </summary>
public sealed class SubscriberScopes
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _byCluster = new(StringComparer.Ordinal);

    public void Record(string clusterName, IEnumerable<string> ecsClusters) => _byCluster[clusterName] = [.. ecsClusters.Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The ECS clusters <paramref name="clusterName"/>'s subscribers run in; null until its spec was read (after a
    /// restart, its first reconcile): its events wait rather than be completed with nobody told.
    /// </summary>
    public IReadOnlyList<string>? For(string clusterName) => _byCluster.TryGetValue(clusterName, out var clusters) ? clusters : null;
}
