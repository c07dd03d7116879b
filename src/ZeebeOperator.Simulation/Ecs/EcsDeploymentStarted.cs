namespace ZeebeOperator.Simulation.Ecs;

/// <summary>
/// An <c>UpdateService</c> started a new deployment of a service: its running tasks are about to be replaced (with one
/// task per broker, the broker restarts). Raised before ECS stops anything, so an observer sees the world as it was.
/// </summary>
/// <param name="RunningTaskArns">The tasks running when the deployment started, which it replaces.</param>
public sealed record EcsDeploymentStarted(
    string ClusterArn,
    string ServiceName,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> RunningTaskArns,
    DateTimeOffset At);
