namespace ZeebeOperator.Host.Configuration;

/// <summary>Settings of <c>run --local</c> and <c>plan --local</c>, bound from the <c>Local</c> section.</summary>
internal sealed class LocalOptions
{
    public const string SectionName = "Local";

    /// <summary>How long a simulated ECS task takes from PENDING to RUNNING.</summary>
    public TimeSpan TaskStartDelay { get; set; } = TimeSpan.FromSeconds(2);
}
