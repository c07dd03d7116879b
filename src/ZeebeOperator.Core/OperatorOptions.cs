using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Configuration;

namespace ZeebeOperator.Core;

/// <summary>Tuning of the reconcile loop, bound from the <c>Operator</c> configuration section.</summary>
public sealed class OperatorOptions : IValidatableObject
{
    public const string SectionName = "Operator";

    /// <summary>How often every cluster is reconciled even when nothing changed.</summary>
    [PositiveDuration("00:00:15")]
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the spec store is listed for new ETags.</summary>
    [PositiveDuration("00:00:15")]
    public TimeSpan SpecPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How soon a cluster is looked at again while it is converging.</summary>
    [PositiveDuration("00:00:15")]
    public TimeSpan ProgressRequeueInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Clusters reconciled at the same time. Enough to keep a large fleet's resync limited by AWS's request
    /// quotas rather than by call latency; throttled calls wait and retry (<see cref="ThrottleRetries"/>).
    /// </summary>
    [AtLeast(1)]
    public int MaxConcurrentReconciles { get; set; } = 16;

    /// <summary>Nodes of one cluster worked on at the same time (ten: one DescribeServices batch).</summary>
    [AtLeast(1)]
    public int NodeParallelism { get; set; } = 10;

    /// <summary>
    /// How often a throttled AWS call is retried (with backoff) before the reconcile counts it as failed. Generous:
    /// with many reconciles sharing a saturated quota, a call can lose the race for a token several times running.
    /// </summary>
    [NotNegative]
    public int ThrottleRetries { get; set; } = 20;

    /// <summary>
    /// Backoff of the first retry of a throttled call; doubles per retry up to <see cref="ThrottleRetryMaxDelay"/>, with
    /// full jitter. Zero retries at once (a manual clock that only moves between passes).
    /// </summary>
    [NotNegative]
    public TimeSpan ThrottleRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ThrottleRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Task definition revisions kept in memory (they are immutable, so each is described once while it is kept).</summary>
    [AtLeast(1)]
    public int TaskDefinitionCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Task definition revisions of a node kept ACTIVE when an update replaces one, for rollback: the newest this
    /// many, and any revision a service or task still uses. Older revisions of the operator's are deregistered.
    /// </summary>
    [AtLeast(1)]
    public int TaskDefinitionRevisionsToKeep { get; set; } = 3;

    /// <summary>First retry delay after a failed reconcile; doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    [PositiveDuration("00:00:15")]
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a Zeebe topology change (adding or removing brokers) may run before it is reported stuck.</summary>
    public TimeSpan TopologyChangeTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The AWS region the clusters run in; the default <c>awslogs-region</c> of broker logs.</summary>
    public string Region { get; set; } = "us-east-1";

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (ThrottleRetryMaxDelay < ThrottleRetryBaseDelay)
        {
            yield return NotLessThan(nameof(ThrottleRetryMaxDelay), ThrottleRetryMaxDelay, nameof(ThrottleRetryBaseDelay), ThrottleRetryBaseDelay);
        }

        if (MaxBackoff < BaseBackoff)
        {
            yield return NotLessThan(nameof(MaxBackoff), MaxBackoff, nameof(BaseBackoff), BaseBackoff);
        }
    }

    private static ValidationResult NotLessThan(string key, TimeSpan value, string lowerKey, TimeSpan lower) =>
        new($"{SectionName}:{key} ({value}) must not be less than {SectionName}:{lowerKey} ({lower}).");
}

/// <summary>Checks the <c>Operator</c> section on start and names every bad key at once.</summary>
[OptionsValidator]
public sealed partial class OperatorOptionsValidator : IValidateOptions<OperatorOptions>;
