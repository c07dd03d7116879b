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

    /// <summary>Every ECS cluster to look in, each once, in a stable order.</summary>
    public IReadOnlyList<string> EcsClusters => [.. _byCluster.Values.SelectMany(c => c).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
