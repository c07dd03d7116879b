using Microsoft.Extensions.Options;

namespace ZeebeOperator.Core.Ports;

/// <summary>
/// Retries AWS calls the service throttled, with capped exponential backoff and full jitter, so a busy account
/// slows reconciles down instead of failing them. A throttled call was refused before doing anything, so
/// retrying a mutating one is as safe as retrying a read. Every other failure is the caller's to handle.
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
                var delay = Backoff(attempt, settings.ThrottleRetryBaseDelay, settings.ThrottleRetryMaxDelay);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken);
                }

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
    private static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
