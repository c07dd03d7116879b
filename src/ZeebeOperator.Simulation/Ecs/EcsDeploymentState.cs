namespace ZeebeOperator.Simulation.Ecs;

/// <summary>One deployment of a simulated service (PRIMARY is the newest); guarded by the ECS simulation's lock.</summary>
internal sealed class EcsDeploymentState(string id, string taskDefinitionArn, DateTimeOffset createdAt)
{
    public const string Primary = "PRIMARY";
    public const string Active = "ACTIVE";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";

    public string Id { get; } = id;

    public string TaskDefinitionArn { get; } = taskDefinitionArn;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string RolloutState { get; set; } = InProgress;

    /// <summary>The target groups this deployment's tasks are registered in while they run.</summary>
    public IReadOnlyList<Core.Resources.LoadBalancer> LoadBalancers { get; init; } = [];
}
