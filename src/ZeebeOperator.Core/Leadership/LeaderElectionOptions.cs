namespace ZeebeOperator.Core.Leadership;

/// <summary>Leader election, bound from the <c>LeaderElection</c> section; defaults as controller-runtime's.</summary>
public sealed class LeaderElectionOptions
{
    public const string SectionName = "LeaderElection";

    /// <summary>Off: this instance always acts (fencing token 0); run only one.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The lease's name: instances with the same name (and store) compete for it.</summary>
    public string LeaseName { get; set; } = "zeebe-operator";

    /// <summary>How long others wait after the last renewal before taking over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps acting without a successful renewal; it stops all work when it passes.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the leader renews and a standby tries to acquire.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>This instance's name in the lease; default: the ECS task id, or host name and process id.</summary>
    public string? Identity { get; set; }
}
