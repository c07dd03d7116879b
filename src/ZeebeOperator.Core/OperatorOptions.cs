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

    /// <summary>Clusters reconciled at the same time.</summary>
    public int MaxConcurrentReconciles { get; set; } = 4;

    /// <summary>Nodes of one cluster worked on at the same time.</summary>
    public int NodeParallelism { get; set; } = 4;

    /// <summary>First retry delay after a failed reconcile; doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a Zeebe topology change (adding or removing brokers) may run before it is reported stuck.</summary>
    public TimeSpan TopologyChangeTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The AWS region the clusters run in; the default <c>awslogs-region</c> of broker logs.</summary>
    public string Region { get; set; } = "us-east-1";
}
