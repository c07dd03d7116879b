using Microsoft.Extensions.Logging;
using Quartz;
using ZeebeOperator.Core.Queue;

namespace ZeebeOperator.Host.Controller;

/// <summary>
/// Queues every known cluster (Quartz, every <see cref="Core.OperatorOptions.ResyncInterval"/>): level-triggered
/// reconciles repair drift that no spec change announced. Already-queued clusters are not queued twice.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class ResyncJob(KnownClusters knownClusters, WorkQueue queue, ILogger<ResyncJob> logger) : IJob
{
    public const string JobName = "resync";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var clusters = knownClusters.Snapshot();
        foreach (var cluster in clusters)
        {
            queue.Add(cluster);
        }

        Log.Resynced(logger, clusters.Count);
        return ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Resync queued {ClusterCount} clusters")]
        public static partial void Resynced(ILogger logger, int clusterCount);
    }
}
