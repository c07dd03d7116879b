using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Events;

/// <summary>
/// An SQS queue in memory that the simulated ECS and S3 publish their events to, in AWS's envelopes. ReceiveMessage
/// long-polls on the simulation's clock (it also lets the simulated services apply what is due, so tasks that stop
/// while nobody calls still announce it); a received message is hidden for <see cref="VisibilityTimeout"/> and comes
/// back unless deleted; a receipt handle that is not current is refused (<c>ReceiptHandleIsInvalid</c>). Like a queue
/// that no rule targets, it collects nothing until <see cref="Enabled"/>.
/// </summary>
public sealed class SimulatedEventQueue : IEventQueue
{
    public const string Service = "sqs";

    /// <summary>SQS's default visibility timeout.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often a long poll looks again for transitions the simulated services apply lazily.</summary>
    public static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly SimulationContext _context;
    private readonly List<Message> _messages = [];
    private EventDeliveryFaults _faults = EventDeliveryFaults.None;
    private Random _random = new(1);
    private TaskCompletionSource _published = NewSignal();
    private long _sequence;

    public SimulatedEventQueue(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>The bucket the simulated spec store's object events name.</summary>
    public const string SpecBucket = "zeebe-specs";

    public bool Enabled { get; set; }

    /// <summary>How the spec bucket's object events arrive: an S3 notification (the default) or through EventBridge.</summary>
    public S3EventDelivery S3Delivery { get; set; }

    /// <summary>The delivery faults from now on (reseeds the generator).</summary>
    public EventDeliveryFaults Faults
    {
        get
        {
            lock (_gate)
            {
                return _faults;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                _faults = value;
                _random = new Random(value.Seed);
            }
        }
    }

    /// <summary>Messages published and not yet deleted (visible, delayed or in flight).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    public int Published { get; private set; }

    public int Lost { get; private set; }

    public int Duplicated { get; private set; }

    /// <summary>Sends a message body as EventBridge or S3 would; the faults decide when, whether and how often it arrives.</summary>
    public void Publish(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (!Enabled)
            {
                return;
            }

            Published++;
            if (_faults.LossProbability > 0 && _random.NextDouble() < _faults.LossProbability)
            {
                Lost++;
                return;
            }

            var copies = _faults.DuplicateProbability > 0 && _random.NextDouble() < _faults.DuplicateProbability ? 2 : 1;
            Duplicated += copies - 1;
            var now = _context.Time.GetUtcNow();
            for (var i = 0; i < copies; i++)
            {
                var visibleAt = now + _faults.Delay + (_faults.Jitter * _random.NextDouble());
                var id = Interlocked.Increment(ref _sequence);
                _messages.Add(new Message($"m-{id}", body, visibleAt, id));
            }

            signal = _published;
            _published = NewSignal();
        }

        signal.TrySetResult();
    }

    /// <summary>Puts a raw body in the queue at once, faults aside: what a test or another producer sends.</summary>
    public void SendRaw(string body)
    {
        lock (_gate)
        {
            var id = Interlocked.Increment(ref _sequence);
            _messages.Add(new Message($"m-{id}", body, _context.Time.GetUtcNow(), id));
        }
    }

    public async Task<IReadOnlyList<QueuedEvent>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken)
    {
        if (maxMessages is < 1 or > 10)
        {
            throw Invalid("ReceiveMessage", $"Value {maxMessages} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10.");
        }

        if (waitTime < TimeSpan.Zero || waitTime > TimeSpan.FromSeconds(20))
        {
            throw Invalid("ReceiveMessage", $"Value {waitTime.TotalSeconds} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20.");
        }

        await _context.Faults.BeforeCallAsync(Service, "ReceiveMessage", mutating: false, cancellationToken);
        var deadline = _context.Time.GetUtcNow() + waitTime;
        while (true)
        {
            // The services apply transitions lazily; a poll is a moment at which they happen, as they would in AWS.
            _context.Advance();
            Task published;
            DateTimeOffset now;
            DateTimeOffset? nextVisible;
            lock (_gate)
            {
                now = _context.Time.GetUtcNow();
                var taken = TakeVisible(maxMessages, now);
                if (taken.Count > 0 || now >= deadline)
                {
                    _context.Calls.Record(Service, "ReceiveMessage", false, null);
                    return taken;
                }

                published = _published.Task;
                nextVisible = _messages.Where(m => m.VisibleAt > now).Select(m => (DateTimeOffset?)m.VisibleAt).Min();
            }

            var wakeAt = Min(Min(deadline, now + PollStep), nextVisible ?? DateTimeOffset.MaxValue);
            await Task.WhenAny(published, Task.Delay(wakeAt - now, _context.Time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public async Task DeleteAsync(string receiptHandle, CancellationToken cancellationToken)
    {
        await _context.Faults.BeforeCallAsync(Service, "DeleteMessage", mutating: true, cancellationToken);
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.ReceiptHandle == receiptHandle);
            if (index < 0)
            {
                _context.Calls.Record(Service, "DeleteMessage", true, "ReceiptHandleIsInvalid");
                throw AwsErrors.Create(Service, "DeleteMessage", AwsErrorKind.InvalidParameter, "ReceiptHandleIsInvalid", $"The input receipt handle \"{receiptHandle}\" is not a valid receipt handle.");
            }

            _messages.RemoveAt(index);
            _context.Calls.Record(Service, "DeleteMessage", true, null);
        }
    }

    private List<QueuedEvent> TakeVisible(int maxMessages, DateTimeOffset now)
    {
        var taken = new List<QueuedEvent>();
        foreach (var message in _messages.Where(m => m.VisibleAt <= now).OrderBy(m => m.VisibleAt).ThenBy(m => m.Sequence).Take(maxMessages).ToList())
        {
            message.ReceiptHandle = $"{message.Id}#{Interlocked.Increment(ref _sequence)}";
            message.VisibleAt = now + VisibilityTimeout;
            taken.Add(new QueuedEvent(message.Id, message.ReceiptHandle, message.Body));
        }

        return taken;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static AwsApiException Invalid(string operation, string message) =>
        AwsErrors.Create(Service, operation, AwsErrorKind.InvalidParameter, "InvalidParameterValue", message);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Message(string id, string body, DateTimeOffset visibleAt, long sequence)
    {
        public string Id { get; } = id;

        public string Body { get; } = body;

        public long Sequence { get; } = sequence;

        public DateTimeOffset VisibleAt { get; set; } = visibleAt;

        public string? ReceiptHandle { get; set; }
    }
}
