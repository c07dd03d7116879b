namespace ZeebeOperator.Core;

/// <summary>Tuning of the reconcile loop, bound from the <c>Operator</c> configuration section.</summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Operator";

    /// <summary>How often every cluster is reconciled even when nothing changed.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the spec store is listed for new ETags.</summary>
    public TimeSpan SpecPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How soon a cluster is looked at again while it is converging.</summary>
    public TimeSpan ProgressRequeueInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Clusters reconciled at the same time. Enough to keep a large fleet's resync limited by AWS's request
    /// quotas rather than by call latency; throttled calls wait and retry (<see cref="ThrottleRetries"/>).
    /// </summary>
    public int MaxConcurrentReconciles { get; set; } = 16;

    /// <summary>Nodes of one cluster worked on at the same time (ten: one DescribeServices batch).</summary>
    public int NodeParallelism { get; set; } = 10;

    /// <summary>
    /// How often a throttled AWS call is retried (with backoff) before the reconcile counts it as failed. Generous:
    /// with many reconciles sharing a saturated quota, a call can lose the race for a token several times running.
    /// </summary>
    public int ThrottleRetries { get; set; } = 20;

    /// <summary>Backoff of the first retry of a throttled call; doubles per retry up to <see cref="ThrottleRetryMaxDelay"/>, with full jitter.</summary>
    public TimeSpan ThrottleRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ThrottleRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Task definition revisions kept in memory (they are immutable, so each is described once while it is kept).</summary>
    public int TaskDefinitionCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Task definition revisions of a node kept ACTIVE when an update replaces one, for rollback: the newest this
    /// many, and any revision a service or task still uses. Older revisions of the operator's are deregistered.
    /// </summary>
    public int TaskDefinitionRevisionsToKeep { get; set; } = 3;

    /// <summary>First retry delay after a failed reconcile; doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a Zeebe topology change (adding or removing brokers) may run before it is reported stuck.</summary>
    public TimeSpan TopologyChangeTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The AWS region the clusters run in; the default <c>awslogs-region</c> of broker logs.</summary>
    public string Region { get; set; } = "us-east-1";
}
