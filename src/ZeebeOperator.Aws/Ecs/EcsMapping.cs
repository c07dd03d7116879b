using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Aws.Ecs;

/// <summary>Between the core's records and the ECS wire shapes.</summary>
internal static class EcsMapping
{
    public const string Enabled = "ENABLED";
    public const string Disabled = "DISABLED";

    public static List<EcsTag> ToTags(IReadOnlyDictionary<string, string> tags) =>
        [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new EcsTag(t.Key, t.Value))];

    public static Dictionary<string, string> FromTags(IReadOnlyList<EcsTag>? tags) =>
        (tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    public static RegisterTaskDefinitionInput ToWire(TaskDefinitionRequest request) => new(
        request.Family,
        request.TaskRoleArn,
        request.ExecutionRoleArn,
        request.NetworkMode,
        [.. request.ContainerDefinitions.Select(ToWire)],
        [.. request.Volumes.Select(ToWire)],
        request.RequiresCompatibilities,
        request.Cpu,
        request.Memory,
        request.Tags.Count == 0 ? null : ToTags(request.Tags),
        request.RuntimePlatform is { } platform ? new EcsRuntimePlatform(platform.CpuArchitecture, platform.OperatingSystemFamily) : null);

    private static EcsContainerDefinition ToWire(ContainerDefinition c) => new(
        c.Name,
        c.Image,
        c.Essential,
        [.. c.PortMappings.Select(p => new EcsPortMapping(p.Name, p.ContainerPort, p.Protocol, p.HostPort))],
        [.. c.Environment.Select(e => new EcsKeyValue(e.Name, e.Value))],
        [.. c.MountPoints.Select(m => new EcsMountPoint(m.SourceVolume, m.ContainerPath, m.ReadOnly))],
        c.HealthCheck is { } h ? new EcsHealthCheck(h.Command, h.IntervalSeconds, h.TimeoutSeconds, h.Retries, h.StartPeriodSeconds) : null,
        c.LogConfiguration is { } l ? new EcsLogConfiguration(l.LogDriver, l.Options) : null,
        c.User,
        c.StopTimeoutSeconds,
        c.Secrets is { } secrets ? [.. secrets.Select(x => new EcsSecret(x.Name, x.ValueFrom))] : null,
        c.DockerLabels);

    private static EcsVolume ToWire(TaskVolume v) => new(
        v.Name,
        new EcsEfsVolumeConfiguration(
            v.Efs.FileSystemId,
            v.Efs.TransitEncryption ? Enabled : Disabled,
            new EcsEfsAuthorizationConfig(v.Efs.AccessPointId, v.Efs.IamAuthorization ? Enabled : Disabled)));

    public static TaskDefinition FromWire(EcsTaskDefinition t, IReadOnlyList<EcsTag>? tags) => new(
        t.TaskDefinitionArn ?? string.Empty,
        t.Revision,
        t.Status ?? string.Empty,
        new TaskDefinitionRequest(
            t.Family ?? string.Empty,
            t.Cpu ?? string.Empty,
            t.Memory ?? string.Empty,
            t.NetworkMode ?? string.Empty,
            t.RequiresCompatibilities ?? [],
            t.ExecutionRoleArn ?? string.Empty,
            t.TaskRoleArn,
            [.. (t.ContainerDefinitions ?? []).Select(FromWire)],
            [.. (t.Volumes ?? []).Where(v => v.EfsVolumeConfiguration is not null).Select(FromWire)],
            FromTags(tags),
            t.RuntimePlatform is { } platform
                ? new RuntimePlatform(platform.CpuArchitecture ?? string.Empty, platform.OperatingSystemFamily ?? string.Empty)
                : null));

    private static ContainerDefinition FromWire(EcsContainerDefinition c) => new(
        c.Name ?? string.Empty,
        c.Image ?? string.Empty,
        c.Essential ?? true,
        [.. (c.PortMappings ?? []).Select(p => new PortMapping(p.Name ?? string.Empty, p.ContainerPort, p.Protocol ?? "tcp", p.HostPort))],
        [.. (c.Environment ?? []).Select(e => new KeyValuePairEntry(e.Name, e.Value))],
        [.. (c.MountPoints ?? []).Select(m => new MountPoint(m.SourceVolume ?? string.Empty, m.ContainerPath ?? string.Empty, m.ReadOnly ?? false))],
        c.HealthCheck is { } h
            ? new ContainerHealthCheck(h.Command, h.Interval ?? 30, h.Timeout ?? 5, h.Retries ?? 3, h.StartPeriod ?? 0)
            : null,
        c.LogConfiguration is { } l ? new LogConfiguration(l.LogDriver, l.Options ?? new Dictionary<string, string>()) : null,
        c.User,
        c.StopTimeout,
        c.Secrets is { Count: > 0 } secrets ? [.. secrets.Select(x => new ContainerSecret(x.Name, x.ValueFrom))] : null,
        c.DockerLabels is { Count: > 0 } labels ? labels : null);

    private static TaskVolume FromWire(EcsVolume v)
    {
        var efs = v.EfsVolumeConfiguration!;
        return new TaskVolume(
            v.Name ?? string.Empty,
            new EfsVolumeConfiguration(
                efs.FileSystemId,
                efs.AuthorizationConfig?.AccessPointId ?? string.Empty,
                efs.TransitEncryption == Enabled,
                efs.AuthorizationConfig?.Iam == Enabled));
    }

    public static EcsNetworkConfiguration ToWire(AwsVpcConfiguration n) =>
        new(new EcsAwsVpcConfiguration(n.Subnets, n.SecurityGroups, n.AssignPublicIp ? Enabled : Disabled));

    public static EcsDeploymentConfiguration ToWire(DeploymentConfiguration d) =>
        new(new EcsCircuitBreaker(d.CircuitBreaker.Enable, d.CircuitBreaker.Rollback), d.MaximumPercent, d.MinimumHealthyPercent);

    public static List<EcsCapacityProviderStrategyItem> ToWire(IReadOnlyList<CapacityProviderStrategyItem> items) =>
        [.. items.Select(i => new EcsCapacityProviderStrategyItem(i.CapacityProvider, i.Weight, i.Base))];

    public static List<EcsServiceRegistry> ToWire(IReadOnlyList<ServiceRegistry> registries) =>
        [.. registries.Select(r => new EcsServiceRegistry(r.RegistryArn))];

    public static List<EcsLoadBalancer> ToWire(IReadOnlyList<LoadBalancer> loadBalancers) =>
        [.. loadBalancers.Select(l => new EcsLoadBalancer(l.TargetGroupArn, l.ContainerName, l.ContainerPort))];

    public static CreateServiceInput ToWire(CreateServiceRequest r) => new(
        r.Cluster,
        r.ServiceName,
        r.TaskDefinition,
        r.ServiceRegistries.Count == 0 ? null : ToWire(r.ServiceRegistries),
        r.LoadBalancers.Count == 0 ? null : ToWire(r.LoadBalancers),
        r.HealthCheckGracePeriodSeconds,
        r.DesiredCount,
        r.ClientToken,
        r.CapacityProviderStrategy.Count == 0 ? r.LaunchType : null,
        r.CapacityProviderStrategy.Count == 0 ? null : ToWire(r.CapacityProviderStrategy),
        ToWire(r.DeploymentConfiguration),
        ToWire(r.NetworkConfiguration),
        r.Tags.Count == 0 ? null : ToTags(r.Tags),
        r.EnableEcsManagedTags,
        r.PropagateTags);

    public static UpdateServiceInput ToWire(UpdateServiceRequest r) => new(
        r.Cluster,
        r.Service,
        r.DesiredCount,
        r.TaskDefinition,
        r.CapacityProviderStrategy is null ? null : ToWire(r.CapacityProviderStrategy),
        r.DeploymentConfiguration is null ? null : ToWire(r.DeploymentConfiguration),
        r.NetworkConfiguration is null ? null : ToWire(r.NetworkConfiguration),
        r.ForceNewDeployment ? true : null,
        r.ServiceRegistries is null ? null : ToWire(r.ServiceRegistries),
        r.LoadBalancers is null ? null : ToWire(r.LoadBalancers),
        r.HealthCheckGracePeriodSeconds);

    public static EcsService FromWire(EcsServiceShape s) => new(
        s.ServiceArn ?? string.Empty,
        s.ServiceName ?? string.Empty,
        s.ClusterArn ?? string.Empty,
        s.Status ?? string.Empty,
        s.TaskDefinition ?? string.Empty,
        s.DesiredCount,
        s.RunningCount,
        s.PendingCount,
        s.LaunchType,
        [.. (s.CapacityProviderStrategy ?? []).Select(i => new CapacityProviderStrategyItem(i.CapacityProvider, i.Weight ?? 0, i.Base ?? 0))],
        s.NetworkConfiguration?.AwsvpcConfiguration is { } vpc
            ? new AwsVpcConfiguration(vpc.Subnets, vpc.SecurityGroups ?? [], vpc.AssignPublicIp == Enabled)
            : null,
        new DeploymentConfiguration(
            s.DeploymentConfiguration?.MaximumPercent ?? 200,
            s.DeploymentConfiguration?.MinimumHealthyPercent ?? 100,
            new DeploymentCircuitBreaker(
                s.DeploymentConfiguration?.DeploymentCircuitBreaker?.Enable ?? false,
                s.DeploymentConfiguration?.DeploymentCircuitBreaker?.Rollback ?? false)),
        [.. (s.ServiceRegistries ?? []).Where(r => r.RegistryArn is not null).Select(r => new ServiceRegistry(r.RegistryArn!))],
        [.. (s.LoadBalancers ?? [])
            .Where(l => l.TargetGroupArn is not null && l.ContainerName is not null && l.ContainerPort is not null)
            .Select(l => new LoadBalancer(l.TargetGroupArn!, l.ContainerName!, l.ContainerPort!.Value))],
        s.HealthCheckGracePeriodSeconds,
        [.. (s.Deployments ?? []).Select(d => new ServiceDeployment(
            d.Id ?? string.Empty, d.Status ?? string.Empty, d.TaskDefinition ?? string.Empty, d.DesiredCount, d.RunningCount, d.PendingCount, d.RolloutState))],
        FromTags(s.Tags));

    public static EcsTask FromWire(EcsTaskShape t) => new(
        t.TaskArn ?? string.Empty,
        t.TaskDefinitionArn ?? string.Empty,
        t.Group ?? string.Empty,
        t.LastStatus ?? string.Empty,
        t.DesiredStatus ?? string.Empty,
        t.HealthStatus ?? "UNKNOWN",
        t.StartedAt is { } started ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(started * 1000)) : null,
        t.StoppedReason,
        PrivateIp(t),
        t.LaunchType,
        t.ContainerInstanceArn,
        [.. (t.Containers ?? []).Select(c => new TaskContainer(
            c.Name ?? string.Empty,
            [.. (c.NetworkBindings ?? [])
                .Where(b => b is { ContainerPort: not null, HostPort: not null })
                .Select(b => new NetworkBinding(b.ContainerPort!.Value, b.HostPort!.Value, b.Protocol ?? "tcp", b.BindIp))]))]);

    public static ContainerInstancesResult FromWire(DescribeContainerInstancesOutput output) => new(
        [.. (output.ContainerInstances ?? [])
            .Where(c => c is { ContainerInstanceArn: not null, Ec2InstanceId: not null })
            .Select(c => new ContainerInstance(c.ContainerInstanceArn!, c.Ec2InstanceId!, c.Status ?? string.Empty))],
        [.. (output.Failures ?? []).Select(f => new Core.Resources.EcsFailure(f.Arn ?? string.Empty, f.Reason ?? string.Empty, f.Detail))]);

    private static string? PrivateIp(EcsTaskShape t) =>
        (t.Attachments ?? [])
            .Where(a => a.Type == "ElasticNetworkInterface")
            .SelectMany(a => a.Details ?? [])
            .FirstOrDefault(d => d.Name == "privateIPv4Address")?.Value
        ?? (t.Containers ?? []).SelectMany(c => c.NetworkInterfaces ?? []).Select(n => n.PrivateIpv4Address).FirstOrDefault(ip => ip is not null);
}
