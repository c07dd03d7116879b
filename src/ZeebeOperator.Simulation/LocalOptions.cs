using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Configuration;

namespace ZeebeOperator.Simulation;

/// <summary>Settings of the local runs (<c>run --local</c>, <c>plan --local</c>, the spec verbs), bound from the <c>Local</c> section.</summary>
public sealed class LocalOptions
{
    public const string SectionName = "Local";

    /// <summary>How long a simulated ECS task takes from PENDING to RUNNING.</summary>
    [NotNegative]
    public TimeSpan TaskStartDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Where <c>run --local</c> writes status and audit records as JSON files for the CLI's <c>get</c>, <c>describe</c>
    /// and <c>history</c>; relative to the current directory. Default: <c>.operator-state</c> inside the specs folder.
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>
    /// Deploys a simulated subscriber service (<c>local-subscriber</c>, with the notify labels) in the specs' ECS
    /// clusters and logs every notification it receives.
    /// </summary>
    public bool Subscriber { get; set; } = true;
}

[OptionsValidator]
public sealed partial class LocalOptionsValidator : IValidateOptions<LocalOptions>;
