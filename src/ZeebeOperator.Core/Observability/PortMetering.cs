using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Ports.Interception;

namespace ZeebeOperator.Core.Observability;

/// <summary>
/// Counts every port call once with its outcome: success, the error kind it failed with, or cancelled. A health
/// probe answering "not healthy" is a successful call. An audit write also counts the action it records: every
/// mutation is audited with an outcome record, so counting those counts actions exactly, without touching the executor.
/// </summary>
internal sealed class PortMetering(OperatorMetrics metrics) : IPortInterceptor
{
    public async Task<T> InterceptAsync<T>(PortCall call, Func<PortCall, Task<T>> proceed)
    {
        if (call.TryGetArgument<AuditRecord>(out var record))
        {
            metrics.RecordAction(record);
        }

        try
        {
            var result = await proceed(call).ConfigureAwait(false);
            Record(call, MetricOutcomes.Success);
            return result;
        }
        catch (Exception e)
        {
            Record(call, MetricOutcomes.Of(e));
            throw;
        }
    }

    private void Record(PortCall call, string outcome)
    {
        var operation = call.Operation;
        if (operation.IsZeebe)
        {
            metrics.RecordZeebeCall(operation.Operation, outcome);
        }
        else
        {
            metrics.RecordAwsCall(operation.Service, operation.Operation, outcome);
        }
    }
}
