using Microsoft.Extensions.Options;

namespace ZeebeOperator.Core.Ports;

/// <summary>
/// Retries AWS calls the service throttled, with capped exponential backoff and full jitter, so a busy account
/// slows reconciles down instead of failing them. A throttled call was refused before doing anything, so
/// retrying a mutating one is as safe as retrying a read. Every other failure is the caller's to handle (the work
/// queue retries the reconcile). The only retry of a throttle: the SDK makes one attempt (<c>Aws:MaxErrorRetry</c> 0),
/// so the longest a call can take is <see cref="RetryBudget.WorstCase"/>.
/// </summary>
public sealed class ThrottlingRetry(TimeProvider time, IOptions<OperatorOptions> options)
{
    /// <param name="beforeRetry">Runs before every retry, after the backoff; may throw to stop (e.g. a fencing check).</param>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, Action? beforeRetry = null)
    {
        var settings = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (AwsApiException e) when (e.Kind == AwsErrorKind.Throttled && attempt < settings.ThrottleRetries)
            {
                var delay = Jitter(Queue.Backoff.Exponential(attempt, settings.ThrottleRetryBaseDelay, settings.ThrottleRetryMaxDelay));
                await Task.Delay(delay, time, cancellationToken);
                beforeRetry?.Invoke();
            }
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken, Action? beforeRetry = null) =>
        RunAsync<bool>(
            async ct =>
            {
                await call(ct);
                return true;
            },
            cancellationToken,
            beforeRetry);

    /// <summary>Full jitter: uniformly between zero and the capped exponential delay.</summary>
    private static TimeSpan Jitter(TimeSpan ceiling) => ceiling * Random.Shared.NextDouble();
}
