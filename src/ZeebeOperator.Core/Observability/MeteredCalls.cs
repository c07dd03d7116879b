namespace ZeebeOperator.Core.Observability;

/// <summary>Counts one port call with its outcome: success, the error kind it failed with, or cancelled.</summary>
internal static class MeteredCalls
{
    public static async Task<T> AwsAsync<T>(this OperatorMetrics metrics, string service, string operation, Func<Task<T>> call)
    {
        try
        {
            var result = await call().ConfigureAwait(false);
            metrics.RecordAwsCall(service, operation, MetricOutcomes.Success);
            return result;
        }
        catch (Exception e)
        {
            metrics.RecordAwsCall(service, operation, MetricOutcomes.Of(e));
            throw;
        }
    }

    public static Task AwsAsync(this OperatorMetrics metrics, string service, string operation, Func<Task> call) =>
        metrics.AwsAsync(service, operation, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });

    public static async Task<T> ZeebeAsync<T>(this OperatorMetrics metrics, string operation, Func<Task<T>> call)
    {
        try
        {
            var result = await call().ConfigureAwait(false);
            metrics.RecordZeebeCall(operation, MetricOutcomes.Success);
            return result;
        }
        catch (Exception e)
        {
            metrics.RecordZeebeCall(operation, MetricOutcomes.Of(e));
            throw;
        }
    }
}
