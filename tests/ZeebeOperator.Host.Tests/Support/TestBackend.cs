using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Simulation.Stores;

namespace ZeebeOperator.Host.Tests.Support;

/// <summary>
/// Stands in for the core, the simulation and the AWS adapters: Moq'd ports whose spec store lists
/// <see cref="SpecKeys"/>, a status store backed by a dictionary, and a Moq'd reconciler and planner.
/// </summary>
internal sealed class TestBackend
{
    public TestBackend(params string[] specKeys)
    {
        SpecStore.Setup(s => s.ListAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => [.. specKeys.Select(k => new SpecObject(k, "etag-1", DateTimeOffset.UnixEpoch))]);
        StatusStore.Setup(s => s.ListAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => [.. Statuses.Values]);
        Reconciler.Setup(r => r.ReconcileAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string cluster, CancellationToken _) =>
            {
                Statuses[cluster] = Specs.Status(cluster, ready: true);
                return ReconcileResult.Converged();
            });
    }

    public Mock<ISpecStore> SpecStore { get; } = new();

    public Mock<IClusterStatusStore> StatusStore { get; } = new();

    public Mock<IClusterReconciler> Reconciler { get; } = new();

    public Mock<IClusterPlanner> Planner { get; } = new();

    public ConcurrentDictionary<string, ClusterStatus> Statuses { get; } = new(StringComparer.Ordinal);

    /// <summary>The lease store every host built from this backend shares, as instances sharing one DynamoDB table would.</summary>
    public InMemoryLeaseStore Leases { get; } = new();

    public List<LocalSimulationSettings> LocalRequests { get; } = [];

    public int AwsRegistrations { get; private set; }

    public OperatorWiring Wiring => new(
        AddCore: (services, _) =>
        {
            services.AddSingleton(Reconciler.Object);
            services.AddSingleton(Planner.Object);
        },
        AddAws: (services, _) =>
        {
            AwsRegistrations++;
            Ports.AddTo(services);
        },
        CreateLocalPorts: settings =>
        {
            LocalRequests.Add(settings);
            return Ports;
        });

    private OperatorPorts Ports => new(
        Mock.Of<IEcsApi>(),
        Mock.Of<IServiceDiscoveryApi>(),
        Mock.Of<IElasticFileSystemApi>(),
        SpecStore.Object,
        StatusStore.Object,
        Mock.Of<IAuditLog>(),
        Mock.Of<IZeebeClusterApi>(),
        Leases);
}
