using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>The audit table in memory: records per cluster, queried newest first.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private const string Service = AwsServices.DynamoDb;

    private readonly Lock _gate = new();
    private readonly SimulationContext _context;
    private readonly List<AuditRecord> _records = [];

    public InMemoryAuditLog(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    public InMemoryAuditLog(TimeProvider timeProvider)
        : this(new SimulationContext(timeProvider, new SimulationOptions()))
    {
    }

    /// <summary>Every record of every cluster in the order they were appended (inspection, outside the call log).</summary>
    public IReadOnlyList<AuditRecord> All
    {
        get
        {
            lock (_gate)
            {
                return _records.ToArray();
            }
        }
    }

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
        Invoke("PutItem", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            ArgumentNullException.ThrowIfNull(record);
            _records.Add(record);
            return true;
        });

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(string clusterName, int limit, CancellationToken cancellationToken) =>
        Invoke("Query", mutating: false, cancellationToken: cancellationToken, body: () =>
        {
            if (limit < 1)
            {
                throw AwsErrors.Create(Service, "Query", AwsErrorKind.InvalidParameter, "ValidationException", "Limit must be greater than or equal to 1.");
            }

            return (IReadOnlyList<AuditRecord>)_records
                .Select((record, index) => (record, index))
                .Where(r => r.record.ClusterName == clusterName)
                .OrderByDescending(r => r.record.Timestamp)
                .ThenByDescending(r => r.index)
                .Take(limit)
                .Select(r => r.record)
                .ToArray();
        });

    private Task<T> Invoke<T>(string operation, bool mutating, Func<T> body, CancellationToken cancellationToken) =>
        _context.InvokeAsync(Service, operation, mutating, () =>
        {
            lock (_gate)
            {
                return body();
            }
        }, cancellationToken);
}
