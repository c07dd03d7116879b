using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Configuration;

namespace ZeebeOperator.Core.Events;

/// <summary>The optional events queue, bound from the <c>Events</c> section; off while <see cref="QueueUrl"/> is empty.</summary>
public sealed class EventsOptions : IValidatableObject
{
    public const string SectionName = "Events";

    /// <summary>
    /// The resync with events: drift that sends no event (stripped tags, a Cloud Map service or an access point deleted
    /// out of band) and lost events are repaired within this. Twelve times fewer resync reads than the 5-minute default.
    /// </summary>
    public static readonly TimeSpan SafetyNetResyncInterval = TimeSpan.FromHours(1);

    /// <summary>The spec poll with events: a lost S3 event delays a commit by at most this.</summary>
    public static readonly TimeSpan SafetyNetSpecPollInterval = TimeSpan.FromMinutes(5);

    /// <summary>The SQS queue URL that EventBridge rules and S3 notifications deliver to; empty: no events, polling only.</summary>
    public string? QueueUrl { get; set; }

    /// <summary>The long poll: how long one ReceiveMessage waits for a message (SQS allows 1 to 20 seconds).</summary>
    [Between(1, 20)]
    public int WaitTimeSeconds { get; set; } = 20;

    /// <summary>Messages taken per ReceiveMessage (SQS allows 1 to 10).</summary>
    [Between(1, 10)]
    public int MaxMessages { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(QueueUrl);

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Enabled && (!Uri.TryCreate(QueueUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(QueueUrl)} must be an SQS queue URL such as https://sqs.eu-central-1.amazonaws.com/123456789012/zeebe-operator-events (was {OptionRuleAttribute.Show(QueueUrl)}).");
        }
    }
}

/// <summary>Checks the <c>Events</c> section on start and names every bad key at once.</summary>
[OptionsValidator]
public sealed partial class EventsOptionsValidator : IValidateOptions<EventsOptions>;

/// <summary>The key prefix of the spec objects, as S3 events name them (<c>clusters/</c>); the backend registers it.</summary>
public sealed record SpecKeyPrefix(string Value)
{
    public static SpecKeyPrefix None { get; } = new(string.Empty);
}
