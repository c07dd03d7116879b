using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Ecs;

/// <summary>
/// The ECS service scheduler: moves tasks through their lifecycle as time passes and keeps each service at its
/// desired count within the deployment configuration's bounds (maximumPercent 100 and minimumHealthyPercent 0 means
/// stop-before-start). Called under the ECS simulation's lock.
/// </summary>
internal sealed class EcsScheduler(SimulationContext context, TaskDefinitionRegistry taskDefinitions, ITaskRegistrar? registrar)
{
    private SimulationOptions Options => context.Options;

    /// <summary>Applies, in time order, every transition due up to <paramref name="now"/>, rescheduling after each.</summary>
    public void Advance(EcsClusterState cluster, EcsServiceState service, DateTimeOffset now)
    {
        while (NextDue(service) is { } due && due <= now)
        {
            ApplyTransitions(service, due);
            Reconcile(cluster, service, due);
        }

        Reconcile(cluster, service, now);
        RepeatSteadyState(cluster, service, now);
    }

    /// <summary>Stops a task on request (StopTask, scale-in, deployment); it leaves the registry at once.</summary>
    public void Stop(EcsTaskState task, DateTimeOffset at, string reason)
    {
        if (task.RequestStop(at, reason))
        {
            Deregister(task);
            Announce(task, at);
        }
    }

    /// <summary>The task's essential container exited: STOPPED at once.</summary>
    public void Exit(EcsTaskState task, DateTimeOffset at, string reason)
    {
        var wasStopped = !task.IsOccupying;
        task.Exit(at, reason);
        Deregister(task);
        if (!wasStopped)
        {
            Announce(task, at);
        }
    }

    /// <summary>Brings the service towards its desired state at <paramref name="at"/>.</summary>
    public void Reconcile(EcsClusterState cluster, EcsServiceState service, DateTimeOffset at)
    {
        if (service.Status == EcsServiceStatus.Inactive)
        {
            return;
        }

        if (service.Status == EcsServiceStatus.Draining)
        {
            Drain(service, at);
            return;
        }

        var primary = service.Primary;
        foreach (var task in service.Tasks.Where(t => t.IsLive && t.Health == EcsTaskState.Unhealthy).ToArray())
        {
            Stop(task, at, "Task failed container health checks");
        }

        ScaleIn(service, at);
        StartPrimaryTasks(cluster, service, at);
        ReplaceOldTasks(service, at);
        UpdateDeployments(cluster, service, primary, at);
        service.PeakOccupyingTasks = Math.Max(service.PeakOccupyingTasks, service.Tasks.Count(t => t.IsOccupying));
    }

    private static DateTimeOffset? NextDue(EcsServiceState service, SimulationOptions options) =>
        service.Tasks.Select(t => t.NextTransitionAt(options)).Where(d => d is not null).Min();

    private DateTimeOffset? NextDue(EcsServiceState service) => NextDue(service, Options);

    /// <summary>When the service's next task transition or steady-state report is due, if any.</summary>
    public DateTimeOffset? NextDueAt(EcsServiceState service) =>
        new[] { NextDue(service), service.NextSteadyReportAt }.Where(d => d is not null).Min();

    /// <summary>The scheduler's periodic <c>SERVICE_STEADY_STATE</c>, for a service still at its desired count and healthy.</summary>
    private void RepeatSteadyState(EcsClusterState cluster, EcsServiceState service, DateTimeOffset now)
    {
        while (service.NextSteadyReportAt is { } due && due <= now)
        {
            service.NextSteadyReportAt = service.Status == EcsServiceStatus.Active ? due + Options.SteadyStateReportInterval : null;
            var primary = service.Primary;
            if (context.Events.Enabled
                && service.NextSteadyReportAt is not null
                && primary.RolloutState == EcsDeploymentState.Completed
                && service.Tasks.Count(t => t.DeploymentId == primary.Id && t.IsHealthyRunning) == service.DesiredCount)
            {
                context.Events.Publish(context.Envelopes.ServiceAction(cluster.Arn, service.Arn, "SERVICE_STEADY_STATE", due));
            }
        }
    }

    private void ApplyTransitions(EcsServiceState service, DateTimeOffset at)
    {
        foreach (var task in service.Tasks.ToArray())
        {
            var transition = task.Apply(at, Options);
            if (transition is TaskTransition.Started or TaskTransition.Stopped || (transition == TaskTransition.Progressed && task.LastStatus == EcsTaskStatus.Pending))
            {
                Announce(task, at);
            }

            switch (transition)
            {
                case TaskTransition.Started:
                    foreach (var registry in task.RegistryArns)
                    {
                        registrar?.Register(registry, task.Id, task.PrivateIp);
                    }

                    break;
                case TaskTransition.Expired:
                    service.Tasks.Remove(task);
                    break;
            }
        }
    }

    private void Drain(EcsServiceState service, DateTimeOffset at)
    {
        foreach (var task in service.Tasks.Where(t => t.IsLive).ToArray())
        {
            Stop(task, at, "Service deleted");
        }

        if (!service.Tasks.Any(t => t.IsOccupying))
        {
            service.Status = EcsServiceStatus.Inactive;
            service.InactiveAt = at;
        }
    }

    /// <summary>Stops the primary deployment's tasks beyond the desired count; old deployments' tasks are replaced, not scaled.</summary>
    private void ScaleIn(EcsServiceState service, DateTimeOffset at)
    {
        var primaryId = service.Primary.Id;
        var live = service.Tasks.Where(t => t.IsLive && t.DeploymentId == primaryId).ToList();
        var victims = live
            .OrderBy(t => t.IsRunning)
            .ThenByDescending(t => t.CreatedAt)
            .Take(Math.Max(0, live.Count - service.DesiredCount))
            .ToArray();
        foreach (var task in victims)
        {
            Stop(task, at, $"Scaling activity initiated by (deployment {primaryId})");
        }
    }

    private void StartPrimaryTasks(EcsClusterState cluster, EcsServiceState service, DateTimeOffset at)
    {
        var desired = service.DesiredCount;
        var maximum = Math.Max(desired, desired * service.DeploymentConfiguration.MaximumPercent / 100);
        var primaryId = service.Primary.Id;
        while (service.Tasks.Count(t => t.IsLive && t.DeploymentId == primaryId) < desired
            && service.Tasks.Count(t => t.IsOccupying) < maximum)
        {
            // A bridge or host task needs a container instance with its ports free; ECS keeps trying to place it.
            if (NewTask(cluster, service, at) is not { } task)
            {
                break;
            }

            service.Tasks.Add(task);
            Announce(task, at);
        }
    }

    private void ReplaceOldTasks(EcsServiceState service, DateTimeOffset at)
    {
        var primaryId = service.Primary.Id;
        var minimumHealthy = (int)Math.Ceiling(service.DesiredCount * service.DeploymentConfiguration.MinimumHealthyPercent / 100.0);
        var old = service.Tasks
            .Where(t => t.IsLive && t.DeploymentId != primaryId)
            .OrderBy(t => t.IsHealthyRunning)
            .ThenBy(t => t.CreatedAt)
            .ToArray();
        foreach (var task in old)
        {
            var healthyOthers = service.Tasks.Count(t => t != task && t.IsHealthyRunning);
            if (!task.IsHealthyRunning || healthyOthers >= minimumHealthy)
            {
                Stop(task, at, $"Deployment {primaryId} replaced the task");
            }
        }
    }

    private void UpdateDeployments(EcsClusterState cluster, EcsServiceState service, EcsDeploymentState primary, DateTimeOffset at)
    {
        service.Deployments.RemoveAll(d => d != primary && !service.Tasks.Any(t => t.DeploymentId == d.Id && t.IsOccupying));
        if (primary.RolloutState == EcsDeploymentState.InProgress
            && service.Deployments.Count == 1
            && service.Tasks.Count(t => t.DeploymentId == primary.Id && t.IsHealthyRunning) == service.DesiredCount
            && service.Tasks.Count(t => t.DeploymentId == primary.Id && t.IsLive) == service.DesiredCount)
        {
            primary.RolloutState = EcsDeploymentState.Completed;
            service.NextSteadyReportAt = Options.SteadyStateReportInterval > TimeSpan.Zero ? at + Options.SteadyStateReportInterval : null;
            var events = context.Events;
            if (!events.Enabled)
            {
                return;
            }

            events.Publish(context.Envelopes.DeploymentStateChange(service.Arn, primary.Id, "SERVICE_DEPLOYMENT_COMPLETED", at));
            events.Publish(context.Envelopes.ServiceAction(cluster.Arn, service.Arn, "SERVICE_STEADY_STATE", at));
        }
    }

    /// <summary>A new deployment started (a created service, or an update that replaces its tasks).</summary>
    public void AnnounceDeployment(EcsServiceState service, EcsDeploymentState deployment, DateTimeOffset at)
    {
        if (context.Events.Enabled)
        {
            context.Events.Publish(context.Envelopes.DeploymentStateChange(service.Arn, deployment.Id, "SERVICE_DEPLOYMENT_IN_PROGRESS", at));
        }
    }

    /// <summary>An <c>ECS Task State Change</c> event for the task's status now.</summary>
    private void Announce(EcsTaskState task, DateTimeOffset at)
    {
        if (!context.Events.Enabled)
        {
            return;
        }

        // task/<cluster>/<id>
        var clusterName = Arns.Resource(task.Arn).Split('/')[1];
        context.Events.Publish(context.Envelopes.TaskStateChange(
            context.Arns.EcsCluster(clusterName), task.Arn, task.TaskDefinitionArn, task.Group, task.LastStatus, task.DesiredStatus,
            task.CreatedAt, task.StartedAt, task.StoppedAt, task.StoppedReason, at));
    }

    private EcsTaskState? NewTask(EcsClusterState cluster, EcsServiceState service, DateTimeOffset at)
    {
        var primary = service.Primary;
        var definition = taskDefinitions.Find(primary.TaskDefinitionArn);
        var networkMode = definition?.Definition.NetworkMode ?? "awsvpc";
        var launchType = LaunchTypeOf(service);
        var placement = launchType == "EC2" && definition is not null ? EcsPlacement.Place(cluster, definition) : null;
        if (placement is null && networkMode is "bridge" or "host")
        {
            return null;
        }

        var id = context.Ids.TaskId();
        var privateIp = networkMode == "awsvpc" || placement is null ? context.Ids.PrivateIp() : placement.Instance.PrivateIp;
        var containers = definition?.Definition.ContainerDefinitions ?? [];
        return new EcsTaskState(
            id,
            context.Arns.EcsTask(cluster.Name, id),
            primary.TaskDefinitionArn,
            primary.Id,
            "service:" + service.Name,
            containers.Any(c => c.HealthCheck is not null),
            Frozen.List(service.ServiceRegistries.Select(r => r.RegistryArn)),
            privateIp,
            at)
        {
            LaunchType = launchType,
            NetworkMode = networkMode,
            ContainerInstanceArn = placement?.Instance.Arn,
            Containers = placement?.Containers ?? [.. containers.Select(c => new TaskContainer(c.Name, []))],
            Endpoints = networkMode == "awsvpc"
                ? [.. containers.SelectMany(c => c.PortMappings).Select(p => (privateIp, p.ContainerPort))]
                : placement?.Endpoints ?? [],
        };
    }

    /// <summary>The launch type a service's tasks get: its own, else FARGATE for a Fargate capacity provider, else EC2.</summary>
    private static string LaunchTypeOf(EcsServiceState service) =>
        service.LaunchType
        ?? (service.CapacityProviderStrategy.Any(c => c.CapacityProvider.StartsWith("FARGATE", StringComparison.Ordinal)) ? "FARGATE" : "EC2");

    private void Deregister(EcsTaskState task)
    {
        foreach (var registry in task.RegistryArns)
        {
            registrar?.Deregister(registry, task.Id);
        }
    }
}
