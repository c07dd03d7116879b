using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Simulation.Stores;

namespace ZeebeOperator.Host.Tests.Support;

/// <summary>
/// Stands in for the core, the simulation and the AWS adapters: Moq'd ports whose spec store lists
/// <see cref="SpecKeys"/>, a status store backed by a dictionary, and a Moq'd reconciler and planner. After every
/// reconcile the cluster's entry in <see cref="Statuses"/> (if any) becomes its latest status in memory, as the real
/// reconciler records the status it read or computed.
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

    public Mock<IPlanPreviewer> Planner { get; } = new();

    public ConcurrentDictionary<string, ClusterStatus> Statuses { get; } = new(StringComparer.Ordinal);

    public ClusterStatusCache Latest { get; } = new();

    /// <summary>The lease store every host built from this backend shares, as instances sharing one DynamoDB table would.</summary>
    public InMemoryLeaseStore Leases { get; } = new();

    /// <summary>Every host built on this backend, as the CLI asked for it.</summary>
    public List<HostRequest> Requests { get; } = [];

    /// <summary>
    /// The mocks in place of the ports, the reconciler and the planner. A local host keeps the simulation's own
    /// registration (its <c>Local</c> options) underneath; the simulated account itself is never created.
    /// </summary>
    public void Use(ZeebeOperatorBuilder zeebeOperator, HostRequest request)
    {
        Requests.Add(request);
        if (request.Local)
        {
            OperatorHost.UseBackend(zeebeOperator, request);
        }

        zeebeOperator.Services
            .AddImplementation(Mock.Of<IEcsApi>())
            .AddImplementation(Mock.Of<IServiceDiscoveryApi>())
            .AddImplementation(Mock.Of<IElasticFileSystemApi>())
            .AddImplementation(SpecStore.Object)
            .AddImplementation(StatusStore.Object)
            .AddImplementation(Mock.Of<IAuditLog>())
            .AddImplementation(Mock.Of<INotificationOutbox>())
            .AddImplementation(Mock.Of<IZeebeClusterApi>())
            .AddImplementation<IClusterReconciler>(new RecordingReconciler(Reconciler.Object, Statuses, Latest))
            .AddSingleton(Latest)
            .AddSingleton(Planner.Object)
            .AddSingleton<ILeaseStore>(Leases);
    }

    /// <summary>The first reconcile of <paramref name="cluster"/> finds it starting and looks again after <paramref name="requeueAfter"/>; the next finds it Ready.</summary>
    public void ConvergesAfterOneRound(string cluster, TimeSpan requeueAfter)
    {
        var rounds = 0;
        Reconciler.Setup(r => r.ReconcileAsync(cluster, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                var ready = Interlocked.Increment(ref rounds) > 1;
                Statuses[cluster] = Specs.Status(cluster, ready);
                return ready ? ReconcileResult.Converged() : ReconcileResult.InProgress(requeueAfter);
            });
    }

    /// <summary>Waits until the operator holds a status for each of <paramref name="clusters"/>.</summary>
    public async Task WaitForLatestAsync(params string[] clusters)
    {
        while (true)
        {
            var changed = Latest.Changed;
            if (clusters.All(c => Latest.Find(c) is not null))
            {
                return;
            }

            await changed.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}

/// <summary>Runs the Moq'd reconciler, then records the cluster's status, as <c>ClusterReconciler</c> does.</summary>
internal sealed class RecordingReconciler(IClusterReconciler inner, IReadOnlyDictionary<string, ClusterStatus> statuses, ClusterStatusCache latest) : IClusterReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(string clusterName, CancellationToken cancellationToken)
    {
        var result = await inner.ReconcileAsync(clusterName, cancellationToken);
        if (statuses.GetValueOrDefault(clusterName) is { } status)
        {
            latest.Record(status);
        }

        return result;
    }
}
