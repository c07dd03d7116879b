namespace ZeebeOperator.Host.Configuration;

/// <summary>Host-only settings, bound from the same <c>Operator</c> section as <see cref="Core.OperatorOptions"/>.</summary>
internal sealed class OperatorHostOptions
{
    /// <summary>How long in-flight reconciles may run on after a stop was requested before they are cancelled.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);
}
