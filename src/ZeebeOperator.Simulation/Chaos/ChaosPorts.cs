using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Chaos;

/// <summary>ECS as the operator meets it under chaos.</summary>
public sealed class ChaosEcsApi(IEcsApi inner, ChaosInjector chaos) : IEcsApi
{
    private const string Service = AwsServices.Ecs;

    public Task<IReadOnlyList<EcsService>> DescribeServicesAsync(string cluster, IReadOnlyList<string> serviceNames, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "DescribeServices", false, false, cluster, () => inner.DescribeServicesAsync(cluster, serviceNames, cancellationToken));

    public Task<EcsService> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "CreateService", true, false, request.ServiceName, () => inner.CreateServiceAsync(request, cancellationToken));

    public Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "UpdateService", true, false, request.Service, () => inner.UpdateServiceAsync(request, cancellationToken));

    public Task<EcsService> DeleteServiceAsync(string cluster, string serviceName, bool force, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "DeleteService", true, false, serviceName, () => inner.DeleteServiceAsync(cluster, serviceName, force, cancellationToken));

    public Task<TaskDefinition> RegisterTaskDefinitionAsync(TaskDefinitionRequest request, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "RegisterTaskDefinition", true, false, request.Family, () => inner.RegisterTaskDefinitionAsync(request, cancellationToken));

    public Task<TaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "DescribeTaskDefinition", false, false, taskDefinition, () => inner.DescribeTaskDefinitionAsync(taskDefinition, cancellationToken));

    public Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string family, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "ListTaskDefinitions", false, false, family, () => inner.ListTaskDefinitionsAsync(family, cancellationToken));

    public Task<TaskDefinition> DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "DeregisterTaskDefinition", true, false, taskDefinition, () => inner.DeregisterTaskDefinitionAsync(taskDefinition, cancellationToken));

    public Task<IReadOnlyList<string>> ListTasksAsync(string cluster, string serviceName, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "ListTasks", false, false, serviceName, () => inner.ListTasksAsync(cluster, serviceName, cancellationToken));

    public Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "DescribeTasks", false, false, cluster, () => inner.DescribeTasksAsync(cluster, taskArns, cancellationToken));

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "TagResource", true, false, resourceArn, () => inner.TagResourceAsync(resourceArn, tags, cancellationToken));
}

/// <summary>Cloud Map as the operator meets it under chaos.</summary>
public sealed class ChaosServiceDiscoveryApi(IServiceDiscoveryApi inner, ChaosInjector chaos) : IServiceDiscoveryApi
{
    private const string Service = AwsServices.ServiceDiscovery;

    public Task<IReadOnlyList<DiscoveryService>> ListServicesAsync(string namespaceId, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "ListServices", false, false, namespaceId, () => inner.ListServicesAsync(namespaceId, cancellationToken));

    public Task<DiscoveryService> CreateServiceAsync(CreateDiscoveryServiceRequest request, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "CreateService", true, false, request.Name, () => inner.CreateServiceAsync(request, cancellationToken));

    public Task<DiscoveryService> GetServiceAsync(string serviceId, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "GetService", false, false, serviceId, () => inner.GetServiceAsync(serviceId, cancellationToken));

    public Task DeleteServiceAsync(string serviceId, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "DeleteService", true, false, serviceId, () => inner.DeleteServiceAsync(serviceId, cancellationToken));

    public Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "ListTagsForResource", false, false, resourceArn, () => inner.ListTagsForResourceAsync(resourceArn, cancellationToken));

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "TagResource", true, false, resourceArn, () => inner.TagResourceAsync(resourceArn, tags, cancellationToken));
}

/// <summary>EFS as the operator meets it under chaos.</summary>
public sealed class ChaosFileSystemApi(IElasticFileSystemApi inner, ChaosInjector chaos) : IElasticFileSystemApi
{
    private const string Service = AwsServices.Efs;

    public Task<IReadOnlyList<AccessPoint>> DescribeAccessPointsAsync(string fileSystemId, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "DescribeAccessPoints", false, false, fileSystemId, () => inner.DescribeAccessPointsAsync(fileSystemId, cancellationToken));

    public Task<AccessPoint> CreateAccessPointAsync(CreateAccessPointRequest request, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "CreateAccessPoint", true, false, request.RootPath, () => inner.CreateAccessPointAsync(request, cancellationToken));

    public Task DeleteAccessPointAsync(string accessPointId, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "DeleteAccessPoint", true, false, accessPointId, () => inner.DeleteAccessPointAsync(accessPointId, cancellationToken));

    public Task TagResourceAsync(string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "TagResource", true, false, resourceId, () => inner.TagResourceAsync(resourceId, tags, cancellationToken));
}

/// <summary>The Zeebe management API under chaos: unreachable brokers, 5xx, and membership changes whose answer is lost.</summary>
public sealed class ChaosZeebeApi(IZeebeClusterApi inner, ChaosInjector chaos) : IZeebeClusterApi
{
    private const string Service = "zeebe";

    public Task<ClusterTopology> GetTopologyAsync(Uri broker, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "GetTopology", false, false, broker.Host, () => inner.GetTopologyAsync(broker, cancellationToken));

    public Task<ChangeAccepted> AddBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, bool dryRun, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "AddBrokers", !dryRun, false, string.Join(",", brokerIds), () => inner.AddBrokersAsync(broker, brokerIds, dryRun, cancellationToken));

    public Task<ChangeAccepted> RemoveBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, bool dryRun, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "RemoveBrokers", !dryRun, false, string.Join(",", brokerIds), () => inner.RemoveBrokersAsync(broker, brokerIds, dryRun, cancellationToken));

    public Task<TopologyChange> GetChangeAsync(Uri broker, long changeId, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "GetChange", false, false, broker.Host, () => inner.GetChangeAsync(broker, changeId, cancellationToken));

    public Task<bool> IsHealthyAsync(Uri broker, HealthProbe probe, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(Service, "IsHealthy", false, false, broker.Host, () => inner.IsHealthyAsync(broker, probe, cancellationToken));
}

/// <summary>The spec bucket under chaos (reads only matter to the operator).</summary>
public sealed class ChaosSpecStore(ISpecStore inner, ChaosInjector chaos) : ISpecStore
{
    public Task<IReadOnlyList<SpecObject>> ListAsync(CancellationToken cancellationToken) =>
        chaos.InvokeAsync(AwsServices.S3, "ListObjectsV2", false, true, "specs", () => inner.ListAsync(cancellationToken));

    public Task<SpecContent> GetAsync(string key, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(AwsServices.S3, "GetObject", false, true, key, () => inner.GetAsync(key, cancellationToken));

    public Task<string> PutAsync(string key, string body, WriteCondition condition, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(AwsServices.S3, "PutObject", true, true, key, () => inner.PutAsync(key, body, condition, cancellationToken));
}

/// <summary>The status table under chaos.</summary>
public sealed class ChaosStatusStore(IClusterStatusStore inner, ChaosInjector chaos) : IClusterStatusStore
{
    public Task<ClusterStatus?> GetAsync(string clusterName, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(AwsServices.DynamoDb, "GetItem", false, true, clusterName, () => inner.GetAsync(clusterName, cancellationToken));

    public Task<IReadOnlyList<ClusterStatus>> ListAsync(CancellationToken cancellationToken) =>
        chaos.InvokeAsync(AwsServices.DynamoDb, "Query", false, true, "status", () => inner.ListAsync(cancellationToken));

    public Task<StatusWriteResult> PutAsync(ClusterStatus status, LeaseFence? fence, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(AwsServices.DynamoDb, StatusWrites.OperationName(fence), true, true, status.ClusterName, () => inner.PutAsync(status, fence, cancellationToken));
}

/// <summary>The audit table under chaos; every intent that made it to the table is shown to the <see cref="AuditLedger"/>.</summary>
public sealed class ChaosAuditLog(IAuditLog inner, ChaosInjector chaos) : IAuditLog
{
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await chaos.InvokeAsync(AwsServices.DynamoDb, "PutItem", true, true, record.Resource, () => inner.AppendAsync(record, cancellationToken));
        if (record.Phase == AuditPhase.Intent)
        {
            chaos.Ledger.RecordIntent(record.Action);
        }
    }

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(string clusterName, int limit, CancellationToken cancellationToken) =>
        chaos.InvokeAsync(AwsServices.DynamoDb, "Query", false, true, clusterName, () => inner.QueryAsync(clusterName, limit, cancellationToken));
}
