using System.Globalization;
using ZeebeOperator.Core.Queue;

namespace ZeebeOperator.Core.Ports;

/// <summary>
/// How the backend makes one attempt of a call: how long it may take, how often the client retries it on its own
/// (the AWS SDK's <c>Aws:MaxErrorRetry</c>), and the most that client's own backoff can add.
/// </summary>
/// <param name="AttemptTimeout">Null when nothing bounds an attempt.</param>
public sealed record CallTransport(TimeSpan? AttemptTimeout, int Retries, TimeSpan RetryBackoff)
{
    /// <summary>The simulation: calls answer in-process, at once, and are never retried underneath.</summary>
    public static CallTransport InProcess { get; } = new(TimeSpan.Zero, 0, TimeSpan.Zero);

    /// <summary>The worst case of one attempt as the core sees it: every try of the client timing out, with the longest backoff between.</summary>
    public TimeSpan? WorstCase => AttemptTimeout * (Retries + 1) + RetryBackoff;
}

/// <summary>
/// The one number of the timing model: how long one AWS call of a reconcile can take before the reconcile hears that
/// it failed. <see cref="ThrottlingRetry"/> makes up to <see cref="OperatorOptions.ThrottleRetries"/> + 1 attempts,
/// waiting at most the capped exponential delay between them (full jitter never waits longer); each attempt is one
/// <see cref="CallTransport"/> call. Everything else — a failed call, a failed reconcile — is retried by the work
/// queue with its per-cluster backoff, from a fresh observation, and never gives up.
/// </summary>
public sealed record RetryBudget(int ThrottleRetries, TimeSpan ThrottleRetryBaseDelay, TimeSpan ThrottleRetryMaxDelay, CallTransport Transport)
{
    public static RetryBudget From(OperatorOptions options, CallTransport transport) =>
        new(options.ThrottleRetries, options.ThrottleRetryBaseDelay, options.ThrottleRetryMaxDelay, transport);

    /// <summary>Requests one call can send at most.</summary>
    public int Attempts => (ThrottleRetries + 1) * (Transport.Retries + 1);

    /// <summary>The longest <see cref="ThrottlingRetry"/> can wait between attempts, all retries taken.</summary>
    public TimeSpan ThrottleBackoff
    {
        get
        {
            var total = TimeSpan.Zero;
            for (var retry = 0; retry < ThrottleRetries; retry++)
            {
                total += ThrottleDelayCeiling(retry);
            }

            return total;
        }
    }

    /// <summary>When the call gives up at the latest; null when an attempt is unbounded (no timeout).</summary>
    public TimeSpan? WorstCase => Transport.WorstCase * (ThrottleRetries + 1) + ThrottleBackoff;

    /// <summary>The longest delay before throttle retry number <paramref name="retry"/> + 1 (full jitter picks one between zero and it).</summary>
    public TimeSpan ThrottleDelayCeiling(int retry) => Backoff.Exponential(retry, ThrottleRetryBaseDelay, ThrottleRetryMaxDelay);

    /// <summary>The number and where it comes from, for the log and for error messages.</summary>
    public override string ToString()
    {
        var attempt = Transport.AttemptTimeout switch
        {
            null => "no attempt timeout",
            { } timeout when timeout == TimeSpan.Zero => "each answered in-process",
            { } timeout => $"{Format(timeout)} per attempt",
        };
        var underneath = Transport.Retries > 0 ? $", each retried {Transport.Retries} time(s) by the client ({Format(Transport.RetryBackoff)} backoff)" : string.Empty;
        var worst = WorstCase is { } bound ? Format(bound) : "unbounded";
        return string.Create(CultureInfo.InvariantCulture,
            $"one AWS call gives up after at most {worst}: {ThrottleRetries + 1} attempt(s) while throttled ({attempt}{underneath}) and up to {Format(ThrottleBackoff)} of throttling backoff");
    }

    /// <summary>A duration as people read it: 12m 52.7s, 142.7s, 100ms.</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.#}ms"),
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m {duration.TotalSeconds % 60:0.#}s"),
    };
}
