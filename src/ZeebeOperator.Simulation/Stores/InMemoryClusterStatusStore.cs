using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// The status table in memory: one record per cluster, never replaced by one of an older observed generation.
/// A fenced write is DynamoDB's transaction of a <c>ConditionCheck</c> on the lease item and the conditional put:
/// it lands only while the writer's term holds the lease in <see cref="Leases"/>.
/// </summary>
public sealed class InMemoryClusterStatusStore : IClusterStatusStore
{
    private const string Service = AwsServices.DynamoDb;

    private readonly Lock _gate = new();
    private readonly SimulationContext _context;
    private readonly SortedDictionary<string, ClusterStatus> _statuses = new(StringComparer.Ordinal);

    public InMemoryClusterStatusStore(SimulationContext context, InMemoryLeaseStore? leases = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        Leases = leases ?? new InMemoryLeaseStore();
    }

    public InMemoryClusterStatusStore(TimeProvider timeProvider)
        : this(new SimulationContext(timeProvider, new SimulationOptions()))
    {
    }

    /// <summary>The lease table of the same (simulated) DynamoDB table, which fenced writes check.</summary>
    public InMemoryLeaseStore Leases { get; }

    /// <summary>How many writes were accepted (tests assert status is written only when it changes).</summary>
    public int AcceptedWrites { get; private set; }

    public Task<ClusterStatus?> GetAsync(string clusterName, CancellationToken cancellationToken) =>
        Invoke("GetItem", mutating: false, cancellationToken: cancellationToken, body: () => _statuses.GetValueOrDefault(clusterName));

    public Task<IReadOnlyList<ClusterStatus>> ListAsync(CancellationToken cancellationToken) =>
        Invoke("Scan", mutating: false, cancellationToken: cancellationToken, body: () => (IReadOnlyList<ClusterStatus>)_statuses.Values.ToArray());

    public Task<StatusWriteResult> PutAsync(ClusterStatus status, LeaseFence? fence, CancellationToken cancellationToken) =>
        Invoke(StatusWrites.OperationName(fence), mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            ArgumentNullException.ThrowIfNull(status);
            if (fence is null)
            {
                return Put(status);
            }

            var result = StatusWriteResult.NotLeader;
            Leases.TryWithinTerm(fence, () => result = Put(status));
            return result;
        });

    private StatusWriteResult Put(ClusterStatus status)
    {
        if (_statuses.TryGetValue(status.ClusterName, out var stored) && stored.ObservedGeneration > status.ObservedGeneration)
        {
            return StatusWriteResult.NewerGenerationStored;
        }

        _statuses[status.ClusterName] = status with
        {
            Conditions = Frozen.List(status.Conditions),
            Nodes = Frozen.List(status.Nodes),
        };
        AcceptedWrites++;
        return StatusWriteResult.Written;
    }

    private Task<T> Invoke<T>(string operation, bool mutating, Func<T> body, CancellationToken cancellationToken) =>
        _context.InvokeAsync(Service, operation, mutating, () =>
        {
            lock (_gate)
            {
                return body();
            }
        }, cancellationToken);
}
