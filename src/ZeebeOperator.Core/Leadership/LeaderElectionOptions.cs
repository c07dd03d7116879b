using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ZeebeOperator.Core.Configuration;

namespace ZeebeOperator.Core.Leadership;

/// <summary>Leader election, bound from the <c>LeaderElection</c> section; defaults as controller-runtime's.</summary>
public sealed partial class LeaderElectionOptions : IValidatableObject
{
    public const string SectionName = "LeaderElection";

    /// <summary>Off: this instance always acts (fencing token 0); run only one.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The lease's name: instances with the same name (and store) compete for it.</summary>
    public string LeaseName { get; set; } = "zeebe-operator";

    /// <summary>How long others wait after the last renewal before taking over.</summary>
    [PositiveDuration("00:00:10")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps acting without a successful renewal; it stops all work when it passes.</summary>
    [PositiveDuration("00:00:10")]
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the leader renews and a standby tries to acquire.</summary>
    [PositiveDuration("00:00:10")]
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>This instance's name in the lease; default: the ECS task id, or host name and process id.</summary>
    public string? Identity { get; set; }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!LeaseNamePattern().IsMatch(LeaseName ?? string.Empty))
        {
            yield return new($"{SectionName}:{nameof(LeaseName)} must be 1-128 letters, digits, '.', '_' or '-' (was '{LeaseName}').");
        }

        if (Identity is { } identity && (string.IsNullOrWhiteSpace(identity) || identity.Length > 256))
        {
            yield return new($"{SectionName}:{nameof(Identity)} must be 1-256 characters and not blank when set (was '{identity}').");
        }

        // A duration that is not positive is reported by its attribute; the order rules would only repeat it.
        // (A retry period that is not positive can never reach a positive renew deadline.)
        var positive = LeaseDuration > TimeSpan.Zero && RenewDeadline > TimeSpan.Zero;
        if (positive && RenewDeadline >= LeaseDuration)
        {
            yield return new(
                $"{SectionName}:{nameof(RenewDeadline)} ({RenewDeadline}) must be less than {SectionName}:{nameof(LeaseDuration)} " +
                $"({LeaseDuration}): the leader must stop before others may take over.");
        }

        if (positive && RetryPeriod >= RenewDeadline)
        {
            yield return new(
                $"{SectionName}:{nameof(RetryPeriod)} ({RetryPeriod}) must be less than {SectionName}:{nameof(RenewDeadline)} " +
                $"({RenewDeadline}): the leader must get more than one renewal attempt.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex LeaseNamePattern();
}
