using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Configuration;

namespace ZeebeOperator.Host.Configuration;

/// <summary>Host-only settings, bound from the same <c>Operator</c> section as <see cref="OperatorOptions"/>.</summary>
internal sealed class OperatorHostOptions
{
    public const string SectionName = OperatorOptions.SectionName;

    /// <summary>How long in-flight reconciles may run on after a stop was requested before they are cancelled.</summary>
    [NotNegative]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);
}

[OptionsValidator]
internal sealed partial class OperatorHostOptionsValidator : IValidateOptions<OperatorHostOptions>;
