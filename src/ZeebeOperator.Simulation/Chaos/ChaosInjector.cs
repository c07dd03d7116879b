using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Ports.Interception;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Infrastructure;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Simulation.Chaos;

/// <summary>
/// The trouble injected into the operator's ports (<see cref="Wrap{TPort}"/>), drawn from one seeded generator so that
/// a run is repeatable: errors before a call reaches AWS, latency (the manual clock moves on), lost responses after a
/// mutating call took effect, and the operator's death at an armed call. Once dead, every call fails until <see cref="Restart"/>.
/// </summary>
public sealed class ChaosInjector(ManualTimeProvider time, int seed) : IPortInterceptor
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);
    private readonly Dictionary<ChaosFaultKind, long> _counts = Enum.GetValues<ChaosFaultKind>().ToDictionary(k => k, _ => 0L);
    private ChaosOptions _options = ChaosOptions.Calm;
    private long _calls;
    private long? _killAtCall;
    private bool _killAfterReachingAws;
    private bool _dead;

    public AuditLedger Ledger { get; } = new();

    public long Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls;
            }
        }
    }

    public bool IsDead
    {
        get
        {
            lock (_gate)
            {
                return _dead;
            }
        }
    }

    public IReadOnlyDictionary<ChaosFaultKind, long> Counts
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<ChaosFaultKind, long>(_counts);
            }
        }
    }

    public void Configure(ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_gate)
        {
            _options = options;
        }
    }

    /// <summary>Kills the operator at its <paramref name="callsFromNow"/>-th call from now (1 = the next one), before or after that call reaches AWS.</summary>
    public void ArmKill(int callsFromNow, bool afterReachingAws)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callsFromNow);
        lock (_gate)
        {
            _killAtCall = _calls + callsFromNow;
            _killAfterReachingAws = afterReachingAws;
        }
    }

    public void Disarm()
    {
        lock (_gate)
        {
            _killAtCall = null;
        }
    }

    /// <summary>A new operator process: calls go through again, nothing the dead one meant to do is remembered.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _dead = false;
            _killAtCall = null;
        }

        Ledger.Restart();
    }

    /// <summary><paramref name="port"/> as the operator meets it under chaos.</summary>
    public TPort Wrap<TPort>(TPort port)
        where TPort : class => PortInterception.Intercept(port, this);

    /// <summary>
    /// Latency and errors before a call reaches AWS (or Zeebe); the kill, and a lost response after a mutating call
    /// took effect. Calls to the operator's own stores (S3, DynamoDB) get faults only when <see cref="ChaosOptions.StoreFaults"/>
    /// is set, and never a lost response; every audit intent that made it to the table is shown to the <see cref="Ledger"/>.
    /// </summary>
    public async Task<T> InterceptAsync<T>(PortCall call, Func<PortCall, Task<T>> proceed)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(proceed);
        var (service, operation) = (call.Operation.Service, call.Operation.Operation);
        var store = AwsServices.IsStore(service);
        var mutating = call.Mutates;
        var (index, latency, fault) = BeforeCall(service, store);
        if (latency > TimeSpan.Zero)
        {
            time.Advance(latency);
        }

        if (mutating && !store && fault == ChaosFaultKind.Throttle)
        {
            Ledger.RecordRefusedCall(call.Operation.Action, call.Target);
        }
        else if (mutating && !store)
        {
            Ledger.RecordCall(call.Operation.Action, call.Target);
        }

        if (fault is { } kind)
        {
            throw Error(service, operation, kind);
        }

        var result = await proceed(call);
        lock (_gate)
        {
            if (_killAtCall == index && _killAfterReachingAws)
            {
                Kill();
                throw new OperatorKilledException($"The operator was killed right after {service}:{operation} took effect.");
            }

            if (mutating && !store && _random.NextDouble() < _options.LostResponseRate)
            {
                _counts[ChaosFaultKind.LostResponse]++;
                throw Error(service, operation, ChaosFaultKind.LostResponse);
            }
        }

        if (call.TryGetArgument<AuditRecord>(out var record) && record.Phase == AuditPhase.Intent)
        {
            Ledger.RecordIntent(record.Action);
        }

        return result;
    }

    private (long Index, TimeSpan Latency, ChaosFaultKind? Fault) BeforeCall(string service, bool store)
    {
        lock (_gate)
        {
            if (_dead)
            {
                throw new OperatorKilledException();
            }

            var index = ++_calls;
            if (_killAtCall == index && !_killAfterReachingAws)
            {
                Kill();
                throw new OperatorKilledException($"The operator was killed before its call to {service}.");
            }

            var options = _options;
            var latency = _random.NextDouble() < options.LatencyRate
                ? TimeSpan.FromMilliseconds(_random.Next(1, (int)options.EffectiveMaxLatency.TotalMilliseconds + 1))
                : TimeSpan.Zero;
            if (latency > TimeSpan.Zero)
            {
                _counts[ChaosFaultKind.Latency]++;
            }

            if (store && !options.StoreFaults)
            {
                return (index, latency, null);
            }

            var draw = _random.NextDouble();
            ChaosFaultKind? fault = draw < options.ThrottleRate ? ChaosFaultKind.Throttle
                : draw < options.ThrottleRate + options.ServerErrorRate ? ChaosFaultKind.ServerError
                : draw < options.ThrottleRate + options.ServerErrorRate + options.TimeoutRate && !store ? ChaosFaultKind.Timeout
                : null;
            if (fault is { } kind)
            {
                _counts[kind]++;
            }

            return (index, latency, fault);
        }
    }

    private void Kill()
    {
        _dead = true;
        _killAtCall = null;
        _counts[ChaosFaultKind.Kill]++;
    }

    private static Exception Error(string service, string operation, ChaosFaultKind kind)
    {
        if (service == ZeebeOperationAttribute.ZeebeService)
        {
            return kind switch
            {
                ChaosFaultKind.ServerError => new ZeebeApiException(ZeebeApiErrorKind.ServerError, $"{operation}: injected 5xx"),
                ChaosFaultKind.Timeout or ChaosFaultKind.LostResponse => new ZeebeApiException(ZeebeApiErrorKind.Timeout, $"{operation}: injected {kind}: the request timed out"),
                _ => new ZeebeApiException(ZeebeApiErrorKind.Unreachable, $"{operation}: injected {kind}"),
            };
        }

        return kind switch
        {
            ChaosFaultKind.Throttle => AwsErrors.Create(service, operation, AwsErrorKind.Throttled, AwsErrors.DefaultCode(service, AwsErrorKind.Throttled), "Injected throttling."),
            ChaosFaultKind.ServerError => AwsErrors.Create(service, operation, AwsErrorKind.ServiceUnavailable, AwsErrors.DefaultCode(service, AwsErrorKind.ServiceUnavailable), "Injected server error."),
            _ => AwsErrors.Create(service, operation, AwsErrorKind.ServiceUnavailable, "Timeout", $"Injected {(kind == ChaosFaultKind.LostResponse ? "lost response" : "timeout")}: the request timed out."),
        };
    }
}
