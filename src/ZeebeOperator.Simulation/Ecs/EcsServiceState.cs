using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Simulation.Ecs;

/// <summary>A simulated ECS service; mutable, guarded by the ECS simulation's lock.</summary>
internal sealed class EcsServiceState(string arn, string name, string clusterArn, DateTimeOffset createdAt)
{
    public string Arn { get; } = arn;

    public string Name { get; } = name;

    public string ClusterArn { get; } = clusterArn;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Status { get; set; } = EcsServiceStatus.Active;

    public DateTimeOffset? InactiveAt { get; set; }

    public required string TaskDefinitionArn { get; set; }

    public required int DesiredCount { get; set; }

    public required string? LaunchType { get; set; }

    public required IReadOnlyList<CapacityProviderStrategyItem> CapacityProviderStrategy { get; set; }

    public required AwsVpcConfiguration? NetworkConfiguration { get; set; }

    public required DeploymentConfiguration DeploymentConfiguration { get; set; }

    public required IReadOnlyList<ServiceRegistry> ServiceRegistries { get; set; }

    public required IReadOnlyList<LoadBalancer> LoadBalancers { get; set; }

    public required int? HealthCheckGracePeriodSeconds { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Newest first: the first one is PRIMARY.</summary>
    public List<EcsDeploymentState> Deployments { get; } = [];

    public List<EcsTaskState> Tasks { get; } = [];

    /// <summary>The most tasks this service ever had not yet STOPPED at one instant (tests assert stop-before-start with it).</summary>
    public int PeakOccupyingTasks { get; set; }

    /// <summary>When the scheduler next repeats <c>SERVICE_STEADY_STATE</c>; null until a deployment completes.</summary>
    public DateTimeOffset? NextSteadyReportAt { get; set; }

    public EcsDeploymentState Primary => Deployments[0];

    public bool IsActive => Status == EcsServiceStatus.Active;

    public EcsService ToSnapshot()
    {
        var deployments = Deployments.Select((d, i) => new ServiceDeployment(
            d.Id,
            i == 0 ? EcsDeploymentState.Primary : EcsDeploymentState.Active,
            d.TaskDefinitionArn,
            i == 0 && Status == EcsServiceStatus.Active ? DesiredCount : 0,
            Tasks.Count(t => t.DeploymentId == d.Id && t.IsRunning),
            Tasks.Count(t => t.DeploymentId == d.Id && t.IsStarting),
            d.RolloutState)).ToArray();

        return new EcsService(
            Arn,
            Name,
            ClusterArn,
            Status,
            TaskDefinitionArn,
            Status == EcsServiceStatus.Active ? DesiredCount : 0,
            Tasks.Count(t => t.IsRunning),
            Tasks.Count(t => t.IsStarting),
            LaunchType,
            CapacityProviderStrategy,
            NetworkConfiguration,
            DeploymentConfiguration,
            ServiceRegistries,
            LoadBalancers,
            HealthCheckGracePeriodSeconds,
            Array.AsReadOnly(deployments),
            Infrastructure.Frozen.Map(Tags));
    }
}
