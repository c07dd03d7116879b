using Microsoft.Extensions.Logging;

namespace ZeebeOperator.Core.Observability;

/// <summary>
/// Logging scopes that put <c>Cluster</c> and <c>Node</c> on every log line written inside them, by any logger of
/// the same factory (scopes flow with the async context), so JSON logs can be filtered by cluster and node.
/// </summary>
public static class LogScopes
{
    private static readonly Func<ILogger, string, IDisposable?> ClusterScope = LoggerMessage.DefineScope<string>("Cluster {Cluster}");
    private static readonly Func<ILogger, int, IDisposable?> NodeScope = LoggerMessage.DefineScope<int>("Node {Node}");

    public static IDisposable? BeginClusterScope(this ILogger logger, string clusterName) => ClusterScope(logger, clusterName);

    public static IDisposable? BeginNodeScope(this ILogger logger, int nodeId) => NodeScope(logger, nodeId);
}
