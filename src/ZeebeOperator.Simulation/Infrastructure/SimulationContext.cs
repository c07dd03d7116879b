using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Events;

namespace ZeebeOperator.Simulation.Infrastructure;

/// <summary>What the simulated services share: the clock, the options, fault injection, the call log and the id generator.</summary>
public sealed class SimulationContext
{
    private readonly List<Action> _advancers = [];

    public SimulationContext(TimeProvider timeProvider, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        Time = timeProvider;
        Options = options;
        Faults = new FaultInjector(timeProvider, options.Faults);
        Calls = new ApiCallLog(timeProvider);
        Ids = new IdGenerator(options.IdSeed);
        Arns = new Arns(options.Region, options.AccountId);
        Events = new SimulatedEventQueue(this);
        Envelopes = new AwsEventEnvelopes(options.Region, options.AccountId);
    }

    /// <summary>The events queue the simulated ECS and S3 publish to (as EventBridge rules and S3 notifications would).</summary>
    public SimulatedEventQueue Events { get; }

    internal AwsEventEnvelopes Envelopes { get; }

    public TimeProvider Time { get; }

    public SimulationOptions Options { get; }

    public FaultInjector Faults { get; }

    public ApiCallLog Calls { get; }

    internal IdGenerator Ids { get; }

    internal Arns Arns { get; }

    /// <summary>Applies every time-driven transition due now, in every simulated service.</summary>
    public void Advance()
    {
        Action[] advancers;
        lock (_advancers)
        {
            advancers = [.. _advancers];
        }

        foreach (var advance in advancers)
        {
            advance();
        }
    }

    internal void RegisterAdvancer(Action advance)
    {
        lock (_advancers)
        {
            _advancers.Add(advance);
        }
    }

    /// <summary>
    /// One API call: latency and injected faults first (so a failed call changes nothing), then every due
    /// transition, then the operation itself; the call and its outcome are logged.
    /// </summary>
    internal async Task<T> InvokeAsync<T>(string service, string operation, bool mutating, Func<T> body, CancellationToken cancellationToken)
    {
        try
        {
            await Faults.BeforeCallAsync(service, operation, mutating, cancellationToken);
            Advance();
            var result = body();
            Calls.Record(service, operation, mutating, null);
            return result;
        }
        catch (AwsApiException ex)
        {
            Calls.Record(service, operation, mutating, ex.ErrorCode);
            throw;
        }
    }
}
