using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Configuration;

namespace ZeebeOperator.Host.Health;

/// <summary>The health endpoints, bound from the <c>Health</c> section.</summary>
internal sealed class HealthOptions : IValidatableObject
{
    public const string SectionName = "Health";

    /// <summary>Serve <c>/healthz</c> and <c>/readyz</c>; on by default, off by default with <c>--local</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The HTTP port (0: any free port, for tests).</summary>
    [Between(0, 65535)]
    public int Port { get; set; } = 8081;

    /// <summary>The address to listen on: all interfaces (ECS health checks and load balancers) by default.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!System.Net.IPAddress.TryParse(BindAddress, out _) && BindAddress is not "localhost" and not "*")
        {
            yield return new($"{SectionName}:{nameof(BindAddress)} must be an IP address, 'localhost' or '*' (was '{BindAddress}').");
        }
    }
}

[OptionsValidator]
internal sealed partial class HealthOptionsValidator : IValidateOptions<HealthOptions>;
