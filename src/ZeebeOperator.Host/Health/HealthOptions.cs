using Microsoft.Extensions.Options;

namespace ZeebeOperator.Host.Health;

/// <summary>The health endpoints, bound from the <c>Health</c> section.</summary>
internal sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Serve <c>/healthz</c> and <c>/readyz</c>; on by default, off by default with <c>--local</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The HTTP port (0: any free port, for tests).</summary>
    public int Port { get; set; } = 8081;

    /// <summary>The address to listen on: all interfaces (ECS health checks and load balancers) by default.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";
}

internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{HealthOptions.SectionName}:{nameof(options.Port)} must be 0-65535 (was {options.Port}).");
        }

        if (!System.Net.IPAddress.TryParse(options.BindAddress, out _) && options.BindAddress is not "localhost" and not "*")
        {
            failures.Add($"{HealthOptions.SectionName}:{nameof(options.BindAddress)} must be an IP address, 'localhost' or '*' (was '{options.BindAddress}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
