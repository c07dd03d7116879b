using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Simulation.Ecs;

/// <summary>One task of a simulated service; mutable, guarded by the ECS simulation's lock.</summary>
internal sealed class EcsTaskState(
    string id,
    string arn,
    string taskDefinitionArn,
    string deploymentId,
    string group,
    bool hasHealthCheck,
    IReadOnlyList<string> registryArns,
    string privateIp,
    DateTimeOffset createdAt)
{
    public const string Healthy = "HEALTHY";
    public const string Unhealthy = "UNHEALTHY";
    public const string UnknownHealth = "UNKNOWN";

    public string Id { get; } = id;

    public string Arn { get; } = arn;

    public string TaskDefinitionArn { get; } = taskDefinitionArn;

    public string DeploymentId { get; } = deploymentId;

    public string Group { get; } = group;

    public bool HasHealthCheck { get; } = hasHealthCheck;

    /// <summary>The Cloud Map services the task registers in while it runs.</summary>
    public IReadOnlyList<string> RegistryArns { get; } = registryArns;

    public string PrivateIp { get; } = privateIp;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>FARGATE or EC2.</summary>
    public string LaunchType { get; init; } = "FARGATE";

    public string NetworkMode { get; init; } = "awsvpc";

    /// <summary>The container instance an EC2 task was placed on; null for Fargate (and an awsvpc task in a cluster without instances).</summary>
    public string? ContainerInstanceArn { get; init; }

    /// <summary>Each container and the instance ports its ports are published on (bridge and host mode).</summary>
    public IReadOnlyList<TaskContainer> Containers { get; init; } = [];

    /// <summary>Where something listens while the task runs: address and port as a caller reaches them.</summary>
    public IReadOnlyList<(string Address, int Port)> Endpoints { get; init; } = [];

    /// <summary>The instance ports the task holds until it is STOPPED.</summary>
    public IEnumerable<int> HostPorts => Containers.SelectMany(c => c.NetworkBindings).Select(b => b.HostPort);

    public string LastStatus { get; private set; } = EcsTaskStatus.Provisioning;

    public string DesiredStatus { get; private set; } = EcsTaskStatus.Running;

    public string Health { get; private set; } = UnknownHealth;

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? StopRequestedAt { get; private set; }

    public DateTimeOffset? StoppedAt { get; private set; }

    public string? StoppedReason { get; private set; }

    public bool IsLive => DesiredStatus == EcsTaskStatus.Running;

    /// <summary>Not yet STOPPED: holds a slot against the deployment's maximum percent.</summary>
    public bool IsOccupying => LastStatus != EcsTaskStatus.Stopped;

    public bool IsRunning => LastStatus == EcsTaskStatus.Running;

    public bool IsStarting => IsLive && LastStatus is EcsTaskStatus.Provisioning or EcsTaskStatus.Pending;

    /// <summary>Counts towards minimum healthy percent: running and, when there is a health check, healthy.</summary>
    public bool IsHealthyRunning => IsLive && IsRunning && (!HasHealthCheck || Health == Healthy);

    /// <summary>When the next lifecycle transition is due, or null when the task waits for nobody but the scheduler.</summary>
    public DateTimeOffset? NextTransitionAt(SimulationOptions options)
    {
        if (LastStatus == EcsTaskStatus.Stopped)
        {
            return StoppedAt!.Value + options.StoppedTaskRetention;
        }

        if (!IsLive)
        {
            return StopRequestedAt!.Value + options.TaskStopDelay;
        }

        return LastStatus switch
        {
            EcsTaskStatus.Provisioning => CreatedAt + (options.TaskStartDelay / 2),
            EcsTaskStatus.Pending => CreatedAt + options.TaskStartDelay,
            _ when HasHealthCheck && Health == UnknownHealth => StartedAt!.Value + options.HealthGracePeriod,
            _ => null,
        };
    }

    /// <summary>Applies the transition due at <paramref name="at"/>; returns what changed for the caller to act on.</summary>
    public TaskTransition Apply(DateTimeOffset at, SimulationOptions options)
    {
        if (NextTransitionAt(options) is not { } due || due > at)
        {
            return TaskTransition.None;
        }

        if (LastStatus == EcsTaskStatus.Stopped)
        {
            return TaskTransition.Expired;
        }

        if (!IsLive)
        {
            LastStatus = EcsTaskStatus.Stopped;
            StoppedAt = due;
            return TaskTransition.Stopped;
        }

        switch (LastStatus)
        {
            case EcsTaskStatus.Provisioning:
                LastStatus = EcsTaskStatus.Pending;
                return TaskTransition.Progressed;
            case EcsTaskStatus.Pending:
                LastStatus = EcsTaskStatus.Running;
                StartedAt = due;
                return TaskTransition.Started;
            default:
                Health = Healthy;
                return TaskTransition.Progressed;
        }
    }

    /// <summary>Asks the task to stop; it reaches STOPPED after the stop delay. Returns false when it was already stopping.</summary>
    public bool RequestStop(DateTimeOffset at, string reason)
    {
        if (!IsLive)
        {
            return false;
        }

        DesiredStatus = EcsTaskStatus.Stopped;
        StopRequestedAt = at;
        StoppedReason = reason;
        return true;
    }

    /// <summary>The essential container exited: the task is STOPPED at once.</summary>
    public void Exit(DateTimeOffset at, string reason)
    {
        if (LastStatus == EcsTaskStatus.Stopped)
        {
            return;
        }

        if (IsLive)
        {
            DesiredStatus = EcsTaskStatus.Stopped;
            StopRequestedAt = at;
            StoppedReason = reason;
        }

        LastStatus = EcsTaskStatus.Stopped;
        StoppedAt = at;
    }

    public void MarkUnhealthy() => Health = Unhealthy;

    public EcsTask ToSnapshot() => new(
        Arn,
        TaskDefinitionArn,
        Group,
        LastStatus,
        DesiredStatus,
        Health,
        StartedAt,
        StoppedReason,
        NetworkMode == "awsvpc" ? PrivateIp : null,
        LaunchType,
        ContainerInstanceArn,
        Containers);
}

internal enum TaskTransition
{
    None,
    Progressed,
    Started,
    Stopped,
    Expired,
}
