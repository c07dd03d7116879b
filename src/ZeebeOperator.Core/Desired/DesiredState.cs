using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Desired;

/// <summary>Everything the spec asks for, per node; values that only exist once AWS created them are parameters.</summary>
/// <param name="Gateway">The cluster's gateway Cloud Map service: its instances are the brokers that run and are ready.</param>
public sealed record DesiredCluster(ZeebeClusterDocument Document, BootstrapConfig Bootstrap, IReadOnlyList<DesiredNode> Nodes, DesiredDiscoveryService Gateway)
{
    public IReadOnlySet<int> NodeIds => Nodes.Select(n => n.NodeId).ToHashSet();

    public string Name => Document.Name;

    public string EcsCluster => Document.Spec.Placement.EcsCluster;
}

public sealed record DesiredNode(
    int NodeId,
    string BrokerName,
    string DnsName,
    DesiredAccessPoint AccessPoint,
    DesiredDiscoveryService DiscoveryService,
    DesiredTaskDefinition TaskDefinition,
    DesiredService Service);

public sealed record DesiredAccessPoint(
    string FileSystemId,
    string RootPath,
    PosixIdentity PosixUser,
    string CreationPermissions,
    IReadOnlyDictionary<string, string> Tags)
{
    public CreateAccessPointRequest ToRequest(string clientToken) =>
        new(clientToken, FileSystemId, RootPath, PosixUser, CreationPermissions, Tags);
}

public sealed record DesiredDiscoveryService(
    string Name,
    string NamespaceId,
    int DnsTtlSeconds,
    string Description,
    IReadOnlyDictionary<string, string> Tags)
{
    public CreateDiscoveryServiceRequest ToRequest(string creatorRequestId) =>
        new(creatorRequestId, Name, NamespaceId, DnsTtlSeconds, Description, Tags);
}

/// <summary>A task definition that needs the node's access point id to be complete.</summary>
public sealed record DesiredTaskDefinition(Func<string, TaskDefinitionRequest> Render)
{
    /// <summary>The request to register, its <see cref="TagKeys.ConfigHash"/> tag set to the content's fingerprint.</summary>
    public TaskDefinitionRequest For(string accessPointId)
    {
        var request = Render(accessPointId);
        var tags = new SortedDictionary<string, string>(request.Tags.ToDictionary(), StringComparer.Ordinal)
        {
            [TagKeys.ConfigHash] = ContentHash(request),
        };
        return request with { Tags = tags };
    }

    /// <summary>The tags a revision of this content carries, other than its <see cref="TagKeys.ConfigHash"/>.</summary>
    public IReadOnlyDictionary<string, string> TagsFor(string accessPointId) => Render(accessPointId).Tags;

    /// <summary>The fingerprint of everything but the tags: equal fingerprints mean no new revision is needed.</summary>
    public static string ContentHash(TaskDefinitionRequest request) =>
        StableHash.Of(request with { Tags = new Dictionary<string, string>() })[..16];
}

/// <summary>The ECS service; the task definition and the discovery registry are known only at apply time.</summary>
public sealed record DesiredService(
    string Cluster,
    string ServiceName,
    int DesiredCount,
    string? LaunchType,
    IReadOnlyList<CapacityProviderStrategyItem> CapacityProviderStrategy,
    AwsVpcConfiguration NetworkConfiguration,
    DeploymentConfiguration DeploymentConfiguration,
    IReadOnlyList<LoadBalancer> LoadBalancers,
    int? HealthCheckGracePeriodSeconds,
    IReadOnlyDictionary<string, string> Tags)
{
    public const string PropagateTags = "SERVICE";

    /// <summary>Whether the service's target groups are the ones wanted (order does not matter to ECS).</summary>
    public bool HasLoadBalancers(IReadOnlyList<LoadBalancer> actual) => actual.ToHashSet().SetEquals(LoadBalancers);

    /// <summary>
    /// The <see cref="TagKeys.TargetGroups"/> value for a set of load balancers: a service whose tag does not match its
    /// own load balancers had them changed by someone else.
    /// </summary>
    public static string TargetGroupsFingerprint(IReadOnlyList<LoadBalancer> loadBalancers) =>
        StableHash.Token([.. loadBalancers.Select(l => $"{l.TargetGroupArn}|{l.ContainerName}|{l.ContainerPort}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)])[..16];

    /// <summary>The service's tags with the fingerprint of the target groups it is created with.</summary>
    public IReadOnlyDictionary<string, string> CreationTags => LoadBalancers.Count == 0
        ? Tags
        : new SortedDictionary<string, string>(Tags.ToDictionary(), StringComparer.Ordinal) { [TagKeys.TargetGroups] = TargetGroupsFingerprint(LoadBalancers) };

    public CreateServiceRequest ToCreateRequest(string clientToken, string taskDefinitionArn, string registryArn) =>
        new(
            clientToken,
            Cluster,
            ServiceName,
            taskDefinitionArn,
            DesiredCount,
            LaunchType,
            CapacityProviderStrategy,
            NetworkConfiguration,
            DeploymentConfiguration,
            [new ServiceRegistry(registryArn)],
            LoadBalancers,
            HealthCheckGracePeriodSeconds,
            EnableEcsManagedTags: true,
            PropagateTags,
            CreationTags);
}
