using Microsoft.Extensions.Options;

namespace ZeebeOperator.Aws;

internal sealed class AwsOptionsValidator : IValidateOptions<AwsOptions>
{
    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SpecBucket))
        {
            failures.Add("Aws:SpecBucket is required.");
        }

        if (string.IsNullOrWhiteSpace(options.TableName))
        {
            failures.Add("Aws:TableName is required.");
        }

        if (options.AuditRetentionDays < 1)
        {
            failures.Add("Aws:AuditRetentionDays must be at least 1.");
        }

        if (!string.IsNullOrEmpty(options.EndpointUrl) && !Uri.TryCreate(options.EndpointUrl, UriKind.Absolute, out _))
        {
            failures.Add($"Aws:EndpointUrl '{options.EndpointUrl}' is not an absolute URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
