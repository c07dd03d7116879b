using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Configuration;

namespace ZeebeOperator.Core.Notifications;

/// <summary>Notifying subscriber tasks, bound from the <c>Notify</c> section.</summary>
public sealed class NotifyOptions : IValidatableObject
{
    public const string SectionName = "Notify";

    /// <summary>False: no event is detected, written or delivered.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The docker label that names the container port taking notifications.</summary>
    [Required]
    public string PortLabel { get; set; } = "NOTIFY_ME_CONTAINER_PORT";

    /// <summary>The docker label that names the path notifications are POSTed to.</summary>
    [Required]
    public string UriLabel { get; set; } = "NOTIFY_ME_API_URI";

    /// <summary>POSTs in flight at once, over every event and task.</summary>
    [Between(1, 1000)]
    public int MaxParallelDeliveries { get; set; } = 16;

    /// <summary>How long one POST may take before it counts as failed (and is retried).</summary>
    [PositiveDuration("00:00:05")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a task whose attempts fail (5xx, connection error, timeout) is tried again, from its first failure: one
    /// that recovers within it gets the event, at the latest <see cref="MaxBackoff"/> after it recovered. A 4xx is never retried.
    /// </summary>
    [PositiveDuration("01:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Replaced by <see cref="GiveUpAfter"/>: bound only to name it when a configuration still sets it.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>The first retry waits up to this (full jitter), doubling per attempt up to <see cref="MaxBackoff"/>.</summary>
    [PositiveDuration("00:00:00.500")]
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts of a task: also how late a recovered task may get the event.</summary>
    [PositiveDuration("00:01:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the list of subscriber services is reused before ECS is listed again.</summary>
    [PositiveDuration("00:01:00")]
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The outbox is read at least this often (besides at once when an event is written): the safety net after a restart.</summary>
    [PositiveDuration("00:00:10")]
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An SQS queue every event is also sent to (one more subscriber); empty: none.</summary>
    public string? QueueUrl { get; set; }

    /// <summary>The queue as a URL; null while none is configured.</summary>
    public Uri? Queue => string.IsNullOrWhiteSpace(QueueUrl) ? null : new Uri(QueueUrl, UriKind.Absolute);

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(QueueUrl) && (!Uri.TryCreate(QueueUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(QueueUrl)} must be an absolute http(s) SQS queue URL such as https://sqs.eu-central-1.amazonaws.com/123456789012/zeebe-notifications (was {OptionRuleAttribute.Show(QueueUrl)}).");
        }

        if (MaxBackoff < BaseBackoff)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(MaxBackoff)} must not be less than {SectionName}:{nameof(BaseBackoff)} ({OptionRuleAttribute.Show(BaseBackoff)}) (was {OptionRuleAttribute.Show(MaxBackoff)}).");
        }

        if (GiveUpAfter < MaxBackoff)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(GiveUpAfter)} must not be less than {SectionName}:{nameof(MaxBackoff)} ({OptionRuleAttribute.Show(MaxBackoff)}) (was {OptionRuleAttribute.Show(GiveUpAfter)}).");
        }

        if (MaxAttempts is not null)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(MaxAttempts)} is no longer read: a failing task is retried for {SectionName}:{nameof(GiveUpAfter)} ({OptionRuleAttribute.Show(GiveUpAfter)}) instead; remove it.");
        }
    }
}

/// <summary>Checks the <c>Notify</c> section on start and names every bad key at once.</summary>
[OptionsValidator]
public sealed partial class NotifyOptionsValidator : IValidateOptions<NotifyOptions>;
