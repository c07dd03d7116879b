using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ZeebeOperator.Core.Leadership;

/// <summary>Checks the <c>LeaderElection</c> section on start and names every bad key at once.</summary>
public sealed partial class LeaderElectionOptionsValidator : IValidateOptions<LeaderElectionOptions>
{
    private const string Section = LeaderElectionOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, LeaderElectionOptions options)
    {
        var failures = new List<string>();
        if (!LeaseNamePattern().IsMatch(options.LeaseName ?? string.Empty))
        {
            failures.Add($"{Section}:{nameof(options.LeaseName)} must be 1-128 letters, digits, '.', '_' or '-' (was '{options.LeaseName}').");
        }

        if (options.Identity is { } identity && (string.IsNullOrWhiteSpace(identity) || identity.Length > 256))
        {
            failures.Add($"{Section}:{nameof(options.Identity)} must be 1-256 characters and not blank when set (was '{identity}').");
        }

        var positive = RequirePositive(failures, nameof(options.LeaseDuration), options.LeaseDuration)
            & RequirePositive(failures, nameof(options.RenewDeadline), options.RenewDeadline)
            & RequirePositive(failures, nameof(options.RetryPeriod), options.RetryPeriod);
        if (positive && options.RenewDeadline >= options.LeaseDuration)
        {
            failures.Add(
                $"{Section}:{nameof(options.RenewDeadline)} ({options.RenewDeadline}) must be less than {Section}:{nameof(options.LeaseDuration)} " +
                $"({options.LeaseDuration}): the leader must stop before others may take over.");
        }

        if (positive && options.RetryPeriod >= options.RenewDeadline)
        {
            failures.Add(
                $"{Section}:{nameof(options.RetryPeriod)} ({options.RetryPeriod}) must be less than {Section}:{nameof(options.RenewDeadline)} " +
                $"({options.RenewDeadline}): the leader must get more than one renewal attempt.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value > TimeSpan.Zero)
        {
            return true;
        }

        failures.Add($"{Section}:{key} must be a positive duration such as 00:00:10 (was {value}).");
        return false;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex LeaseNamePattern();
}
