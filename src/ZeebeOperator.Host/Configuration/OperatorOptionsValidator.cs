using Microsoft.Extensions.Options;
using ZeebeOperator.Core;

namespace ZeebeOperator.Host.Configuration;

/// <summary>Checks the <c>Operator</c> section on start and names every bad key at once.</summary>
internal sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, nameof(options.ResyncInterval), options.ResyncInterval);
        RequirePositive(failures, nameof(options.SpecPollInterval), options.SpecPollInterval);
        RequirePositive(failures, nameof(options.ProgressRequeueInterval), options.ProgressRequeueInterval);
        RequirePositive(failures, nameof(options.BaseBackoff), options.BaseBackoff);
        RequireAtLeastOne(failures, nameof(options.MaxConcurrentReconciles), options.MaxConcurrentReconciles);
        RequireAtLeastOne(failures, nameof(options.NodeParallelism), options.NodeParallelism);
        RequireAtLeastOne(failures, nameof(options.TaskDefinitionCacheSize), options.TaskDefinitionCacheSize);
        RequireAtLeastOne(failures, nameof(options.TaskDefinitionRevisionsToKeep), options.TaskDefinitionRevisionsToKeep);
        if (options.ThrottleRetries < 0)
        {
            failures.Add($"{OperatorOptions.SectionName}:{nameof(options.ThrottleRetries)} must not be negative (was {options.ThrottleRetries}).");
        }

        RequirePositive(failures, nameof(options.ThrottleRetryBaseDelay), options.ThrottleRetryBaseDelay);
        if (options.ThrottleRetryMaxDelay < options.ThrottleRetryBaseDelay)
        {
            failures.Add(
                $"{OperatorOptions.SectionName}:{nameof(options.ThrottleRetryMaxDelay)} ({options.ThrottleRetryMaxDelay}) must not be less than " +
                $"{OperatorOptions.SectionName}:{nameof(options.ThrottleRetryBaseDelay)} ({options.ThrottleRetryBaseDelay}).");
        }

        if (options.MaxBackoff < options.BaseBackoff)
        {
            failures.Add(
                $"{OperatorOptions.SectionName}:{nameof(options.MaxBackoff)} ({options.MaxBackoff}) must not be less than " +
                $"{OperatorOptions.SectionName}:{nameof(options.BaseBackoff)} ({options.BaseBackoff}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{OperatorOptions.SectionName}:{key} must be a positive duration such as 00:00:15 (was {value}).");
        }
    }

    private static void RequireAtLeastOne(List<string> failures, string key, int value)
    {
        if (value < 1)
        {
            failures.Add($"{OperatorOptions.SectionName}:{key} must be at least 1 (was {value}).");
        }
    }
}

/// <summary>Checks the host's own keys of the <c>Operator</c> section.</summary>
internal sealed class OperatorHostOptionsValidator : IValidateOptions<OperatorHostOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorHostOptions options) =>
        options.ShutdownGrace < TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{OperatorOptions.SectionName}:{nameof(options.ShutdownGrace)} must not be negative (was {options.ShutdownGrace}).")
            : ValidateOptionsResult.Success;
}

/// <summary>Checks the <c>Local</c> section.</summary>
internal sealed class LocalOptionsValidator : IValidateOptions<LocalOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalOptions options) =>
        options.TaskStartDelay < TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{LocalOptions.SectionName}:{nameof(options.TaskStartDelay)} must not be negative (was {options.TaskStartDelay}).")
            : ValidateOptionsResult.Success;
}
