using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Host.Tests.Support;

/// <summary>The real backend, whose local status store counts the calls made to it.</summary>
internal sealed class CountingStatusBackend
{
    private int lists;
    private int reads;

    public int StatusLists => Volatile.Read(ref lists);

    public int StatusReads => Volatile.Read(ref reads);

    public void Use(ZeebeOperatorBuilder zeebeOperator, HostRequest request)
    {
        OperatorHost.UseBackend(zeebeOperator, request);
        zeebeOperator.Services.AddImplementation<IClusterStatusStore>(sp => new CountingStatusStore(sp.GetRequiredService<LocalAccount>().Status, this));
    }

    private sealed class CountingStatusStore(IClusterStatusStore store, CountingStatusBackend counts) : IClusterStatusStore
    {
        public Task<ClusterStatus?> GetAsync(string clusterName, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counts.reads);
            return store.GetAsync(clusterName, cancellationToken);
        }

        public Task<IReadOnlyList<ClusterStatus>> ListAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counts.lists);
            return store.ListAsync(cancellationToken);
        }

        public Task<StatusWriteResult> PutAsync(ClusterStatus status, LeaseFence? fence, CancellationToken cancellationToken) =>
            store.PutAsync(status, fence, cancellationToken);
    }
}
