using Microsoft.Extensions.Options;

namespace ZeebeOperator.Aws;

internal sealed class AwsOptionsValidator : IValidateOptions<AwsOptions>
{
    public const int MaxErrorRetryLimit = 10;

    public static readonly TimeSpan TimeoutLimit = TimeSpan.FromMinutes(15);

    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SpecBucket))
        {
            failures.Add("Aws:SpecBucket is required (or --bucket).");
        }

        if (string.IsNullOrWhiteSpace(options.TableName))
        {
            failures.Add("Aws:TableName is required (or --table).");
        }

        if (options.AuditRetentionDays < 1)
        {
            failures.Add("Aws:AuditRetentionDays must be at least 1.");
        }

        if (!string.IsNullOrEmpty(options.EndpointUrl)
            && (!Uri.TryCreate(options.EndpointUrl, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            failures.Add($"Aws:EndpointUrl '{options.EndpointUrl}' is not an absolute http(s) URL.");
        }

        if (options.MaxErrorRetry is < 0 or > MaxErrorRetryLimit)
        {
            failures.Add($"Aws:MaxErrorRetry must be 0 to {MaxErrorRetryLimit} (was {options.MaxErrorRetry}).");
        }

        if (options.Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeoutLimit))
        {
            failures.Add($"Aws:Timeout must be a positive duration of at most {TimeoutLimit} such as 00:00:30 (was {timeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
