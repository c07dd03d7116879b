using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Simulation.Ecs;

/// <summary>A running task of a simulated ECS service, with the task definition it runs.</summary>
public sealed record RunningTask(string Cluster, string ServiceName, EcsTask Task, TaskDefinition Definition);
