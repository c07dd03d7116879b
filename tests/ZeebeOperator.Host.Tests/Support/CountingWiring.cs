using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Tests.Support;

/// <summary>A wiring whose local status store counts the calls made to it.</summary>
internal sealed class CountingWiring(OperatorWiring inner)
{
    private int lists;
    private int reads;

    public int StatusLists => Volatile.Read(ref lists);

    public int StatusReads => Volatile.Read(ref reads);

    public OperatorWiring Wiring => inner with
    {
        CreateLocalPorts = settings =>
        {
            var ports = inner.CreateLocalPorts(settings);
            return ports with { Status = new CountingStatusStore(ports.Status, this) };
        },
    };

    private sealed class CountingStatusStore(IClusterStatusStore store, CountingWiring counts) : IClusterStatusStore
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

        public Task<bool> PutAsync(ClusterStatus status, CancellationToken cancellationToken) => store.PutAsync(status, cancellationToken);
    }
}
