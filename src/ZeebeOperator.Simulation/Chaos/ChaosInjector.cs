using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Infrastructure;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Simulation.Chaos;

/// <summary>
/// The trouble the chaos wrappers inject, drawn from one seeded generator so that a run is repeatable: errors before a
/// call reaches AWS, latency (the manual clock moves on), lost responses after a mutating call took effect, and the
/// operator's death at an armed call. Once dead, every call fails until <see cref="Restart"/>.
/// </summary>
public sealed class ChaosInjector(ManualTimeProvider time, int seed)
{
    private const string Zeebe = "zeebe";

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

    internal async Task<T> InvokeAsync<T>(string service, string operation, bool mutating, bool store, string resource, Func<Task<T>> call)
    {
        var (index, latency, fault) = BeforeCall(service, store);
        if (latency > TimeSpan.Zero)
        {
            time.Advance(latency);
        }

        if (mutating && !store && fault == ChaosFaultKind.Throttle)
        {
            Ledger.RecordRefusedCall($"{service}:{operation}", resource);
        }
        else if (mutating && !store)
        {
            Ledger.RecordCall($"{service}:{operation}", resource);
        }

        if (fault is { } kind)
        {
            throw Error(service, operation, kind);
        }

        var result = await call();
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

        return result;
    }

    internal async Task InvokeAsync(string service, string operation, bool mutating, bool store, string resource, Func<Task> call) =>
        await InvokeAsync(service, operation, mutating, store, resource, async () =>
        {
            await call();
            return true;
        });

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
        if (service == Zeebe)
        {
            return kind == ChaosFaultKind.ServerError
                ? new ZeebeApiException(ZeebeApiErrorKind.ServerError, $"{operation}: injected 5xx")
                : new ZeebeApiException(ZeebeApiErrorKind.Unreachable, $"{operation}: injected {kind}");
        }

        return kind switch
        {
            ChaosFaultKind.Throttle => AwsErrors.Create(service, operation, AwsErrorKind.Throttled, AwsErrors.DefaultCode(service, AwsErrorKind.Throttled), "Injected throttling."),
            ChaosFaultKind.ServerError => AwsErrors.Create(service, operation, AwsErrorKind.ServiceUnavailable, AwsErrors.DefaultCode(service, AwsErrorKind.ServiceUnavailable), "Injected server error."),
            _ => AwsErrors.Create(service, operation, AwsErrorKind.ServiceUnavailable, "Timeout", $"Injected {(kind == ChaosFaultKind.LostResponse ? "lost response" : "timeout")}: the request timed out."),
        };
    }
}
