using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Throttling;

namespace ZeebeOperator.Simulation.Infrastructure;

/// <summary>
/// Fails calls on purpose, before they change anything: random throttling and server errors drawn from a seeded
/// generator (<see cref="FaultOptions"/>), and one-shot failures queued with <see cref="FailNext"/>.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly List<PlannedFault> _planned = [];
    private FaultOptions _options;
    private Random _random;
    private ApiThrottle? _throttle;
    private long _throttledBefore;

    public FaultInjector(TimeProvider timeProvider, FaultOptions options)
    {
        _timeProvider = timeProvider;
        _options = options;
        _random = new Random(options.Seed);
        _throttle = CreateThrottle(options);
    }

    /// <summary>Calls refused by the token buckets of <see cref="FaultOptions.Throttle"/>, over every configuration so far.</summary>
    public long ThrottledCalls
    {
        get
        {
            lock (_gate)
            {
                return _throttledBefore + (_throttle?.Refused ?? 0);
            }
        }
    }

    public FaultOptions Options
    {
        get
        {
            lock (_gate)
            {
                return _options;
            }
        }
    }

    /// <summary>Replaces the options and restarts the random sequence from their seed and the token buckets full.</summary>
    public void Configure(FaultOptions options)
    {
        lock (_gate)
        {
            _options = options;
            _random = new Random(options.Seed);
            _throttledBefore += _throttle?.Refused ?? 0;
            _throttle = CreateThrottle(options);
        }
    }

    private ApiThrottle? CreateThrottle(FaultOptions options) =>
        options.Throttle is { } limits ? new ApiThrottle(limits, _timeProvider) : null;

    /// <summary>
    /// Makes the next <paramref name="count"/> calls of <paramref name="operation"/> fail with <paramref name="kind"/>.
    /// The operation is named bare (<c>CreateService</c>: any service) or qualified (<c>ecs:CreateService</c>).
    /// The error code defaults to the service's own code for that kind (e.g. ECS's <c>ThrottlingException</c>).
    /// </summary>
    public void FailNext(string operation, AwsErrorKind kind, int count = 1, string? errorCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _planned.Add(new PlannedFault(operation, kind, errorCode, count));
        }
    }

    /// <summary>Drops every planned one-shot failure.</summary>
    public void ClearPlanned()
    {
        lock (_gate)
        {
            _planned.Clear();
        }
    }

    public int PlannedCount
    {
        get
        {
            lock (_gate)
            {
                return _planned.Sum(p => p.Remaining);
            }
        }
    }

    internal async Task BeforeCallAsync(string service, string operation, bool mutating, CancellationToken cancellationToken)
    {
        var latency = Options.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _timeProvider, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        ApiThrottle? throttle;
        lock (_gate)
        {
            throttle = _throttle;
        }

        if (throttle is not null && !throttle.TryAdmit(service, mutating))
        {
            throw AwsErrors.Create(service, operation, AwsErrorKind.Throttled, AwsErrors.DefaultCode(service, AwsErrorKind.Throttled), "Rate exceeded.");
        }

        if (Draw(service, operation) is { } fault)
        {
            throw AwsErrors.Create(
                service,
                operation,
                fault.Kind,
                fault.Code ?? AwsErrors.DefaultCode(service, fault.Kind),
                "Injected fault.");
        }
    }

    private InjectedFault? Draw(string service, string operation)
    {
        lock (_gate)
        {
            var planned = _planned.FirstOrDefault(p => p.Operation == operation || p.Operation == $"{service}:{operation}");
            if (planned is not null)
            {
                planned.Remaining--;
                if (planned.Remaining == 0)
                {
                    _planned.Remove(planned);
                }

                return new InjectedFault(planned.Kind, planned.Code);
            }

            var options = _options;
            if ((options.ThrottleRate <= 0 && options.ServerErrorRate <= 0)
                || (AwsServices.IsStore(service) && !options.IncludeStores))
            {
                return null;
            }

            var draw = _random.NextDouble();
            if (draw < options.ThrottleRate)
            {
                return new InjectedFault(AwsErrorKind.Throttled, null);
            }

            return draw < options.ThrottleRate + options.ServerErrorRate
                ? new InjectedFault(AwsErrorKind.ServiceUnavailable, null)
                : null;
        }
    }

    private sealed class PlannedFault(string operation, AwsErrorKind kind, string? code, int remaining)
    {
        public string Operation { get; } = operation;

        public AwsErrorKind Kind { get; } = kind;

        public string? Code { get; } = code;

        public int Remaining { get; set; } = remaining;
    }

    private sealed record InjectedFault(AwsErrorKind Kind, string? Code);
}
