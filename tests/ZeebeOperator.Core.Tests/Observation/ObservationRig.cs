using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Observation;

/// <summary>
/// A <see cref="ClusterObserver"/> over an AWS account held in plain lists (what each read answers), starting with
/// the "orders" cluster converged: every node's access point, discovery service, task definition, service and
/// running task, as the operator creates them. Tests change the lists to set up what they observe, and read
/// <see cref="Calls"/> (operation and target) to see what the observer asked.
/// </summary>
internal sealed class ObservationRig
{
    public const string Cluster = "orders";

    private static readonly DesiredStateRenderer Renderer = new("us-east-1");

    public ObservationRig(int clusterSize = 3, bool withNodes = true)
    {
        Document = TestSpecs.Orders(clusterSize: clusterSize);
        Desired = Renderer.Render(Document);
        if (withNodes)
        {
            foreach (var node in Desired.Nodes)
            {
                AddConvergedNode(node.NodeId);
            }
        }

        Efs.Setup(e => e.DescribeAccessPointsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string fileSystemId, CancellationToken _) => Answer("DescribeAccessPoints", fileSystemId, () => (IReadOnlyList<AccessPoint>)[.. AccessPoints]));
        Discovery.Setup(d => d.ListServicesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string namespaceId, CancellationToken _) => Answer("ListServices", namespaceId, () => (IReadOnlyList<DiscoveryService>)[.. DiscoveryServices]));
        Discovery.Setup(d => d.ListTagsForResourceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string arn, CancellationToken _) => Answer("ListTagsForResource", arn, () => DiscoveryTags.GetValueOrDefault(arn) ?? throw NotFound("servicediscovery", "ListTagsForResource")));
        Discovery.Setup(d => d.ListInstancesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string serviceId, CancellationToken _) => Answer("ListInstances", serviceId, () => Instances.GetValueOrDefault(serviceId) ?? throw NotFound("servicediscovery", "ListInstances")));
        Ecs.Setup(e => e.DescribeServicesAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .Returns((string _, IReadOnlyList<string> names, CancellationToken _) => Answer("DescribeServices", string.Join(",", names), () => (IReadOnlyList<EcsService>)[.. Services.Where(s => names.Contains(s.ServiceName))]));
        Ecs.Setup(e => e.DescribeTaskDefinitionAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string arn, CancellationToken _) => Answer("DescribeTaskDefinition", arn, () => Definitions.GetValueOrDefault(arn) ?? throw NotFound("ecs", "DescribeTaskDefinition")));
        Ecs.Setup(e => e.ListTasksAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string _, string serviceName, CancellationToken _) => Answer("ListTasks", serviceName, () => (IReadOnlyList<string>)[.. Tasks.Where(t => t.Group == $"service:{serviceName}" && t.DesiredStatus == EcsTaskStatus.Running).Select(t => t.TaskArn)]));
        Ecs.Setup(e => e.DescribeTasksAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .Returns((string _, IReadOnlyList<string> arns, CancellationToken _) => Answer("DescribeTasks", string.Join(",", arns), () => (IReadOnlyList<EcsTask>)[.. Tasks.Where(t => arns.Contains(t.TaskArn))]));

        var options = Options.Create(new OperatorOptions { ThrottleRetryBaseDelay = TimeSpan.Zero });
        Observer = new ClusterObserver(Ecs.Object, Discovery.Object, Efs.Object, Zeebe.Object, new ThrottlingRetry(TimeProvider.System, options), new TaskDefinitionCache(options.Value), options);
    }

    public ZeebeClusterDocument Document { get; }

    public DesiredCluster Desired { get; }

    public List<AccessPoint> AccessPoints { get; } = [];

    public List<DiscoveryService> DiscoveryServices { get; } = [];

    public Dictionary<string, IReadOnlyDictionary<string, string>> DiscoveryTags { get; } = new(StringComparer.Ordinal);

    /// <summary>Instances by discovery service id.</summary>
    public Dictionary<string, IReadOnlyList<ServiceInstance>> Instances { get; } = new(StringComparer.Ordinal);

    public List<EcsService> Services { get; } = [];

    public Dictionary<string, TaskDefinition> Definitions { get; } = new(StringComparer.Ordinal);

    public List<EcsTask> Tasks { get; } = [];

    public Mock<IElasticFileSystemApi> Efs { get; } = new();

    public Mock<IServiceDiscoveryApi> Discovery { get; } = new();

    public Mock<IEcsApi> Ecs { get; } = new();

    public Mock<IZeebeClusterApi> Zeebe { get; } = new();

    public ClusterObserver Observer { get; }

    /// <summary>Every read so far, as "Operation target".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public Task<ObservedCluster> ObserveAsync() => Observer.ObserveAsync(Document, CancellationToken.None);

    public int CallCount(string operation, string? target = null) =>
        Calls.Count(c => c == $"{operation} {target}" || (target is null && c.StartsWith($"{operation} ", StringComparison.Ordinal)));

    public static string BrokerName(int nodeId) => ResourceNames.Broker(Cluster, nodeId);

    public EcsService Service(int nodeId) => Services.Single(s => s.ServiceName == BrokerName(nodeId));

    public DiscoveryService DiscoveryService(int nodeId) => DiscoveryServices.Single(s => s.Name == BrokerName(nodeId));

    public void Replace<T>(List<T> list, T old, T replacement)
    {
        list[list.IndexOf(old)] = replacement;
    }

    /// <summary>Adds node <paramref name="nodeId"/>'s resources as the operator creates them, its task running.</summary>
    public void AddConvergedNode(int nodeId)
    {
        var desired = (nodeId < Desired.Nodes.Count ? Desired : Renderer.Render(TestSpecs.Orders(clusterSize: nodeId + 1))).Nodes.Single(n => n.NodeId == nodeId);
        var node = ObservedStates.ConvergedNode(desired);
        AccessPoints.Add(node.AccessPoint.Resource!);
        DiscoveryServices.Add(node.DiscoveryService.Resource!);
        DiscoveryTags[node.DiscoveryService.Resource!.Arn] = desired.DiscoveryService.Tags;
        Definitions[node.CurrentTaskDefinition!.Arn] = node.CurrentTaskDefinition;
        Services.Add(node.Service.Resource!);
        Tasks.Add(node.Task!);
    }

    /// <summary>The "orders-gateway" Cloud Map service, with the given tags (the cluster's own when null).</summary>
    public DiscoveryService AddGateway(IReadOnlyDictionary<string, string>? tags = null)
    {
        var name = Document.Spec.ClientAccess.GatewayServiceName(Cluster);
        var gateway = new DiscoveryService("srv-gateway000000001", "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-gateway000000001", name, Document.Spec.ServiceDiscovery.NamespaceId, 10, null);
        DiscoveryServices.Add(gateway);
        DiscoveryTags[gateway.Arn] = tags ?? Ownership.ClusterTags(Cluster, name, new Dictionary<string, string>());
        Instances[gateway.Id] = [new ServiceInstance("node-0", new Dictionary<string, string> { [ServiceInstance.Ipv4Attribute] = "10.0.0.1" })];
        return gateway;
    }

    public static AwsApiException NotFound(string service, string operation) => new(service, operation, AwsErrorKind.NotFound, "ResourceNotFoundException", "not found");

    public static AwsApiException AccessDenied(string service, string operation) => new(service, operation, AwsErrorKind.AccessDenied, "AccessDeniedException", "not allowed");

    private Task<T> Answer<T>(string operation, string target, Func<T> answer)
    {
        Calls.Enqueue($"{operation} {target}");
        try
        {
            return Task.FromResult(answer());
        }
        catch (AwsApiException e)
        {
            return Task.FromException<T>(e);
        }
    }
}
