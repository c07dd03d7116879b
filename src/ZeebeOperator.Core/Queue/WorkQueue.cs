using Microsoft.Extensions.Options;

namespace ZeebeOperator.Core.Queue;

/// <summary>
/// The reconcile work queue, shaped like client-go's <c>workqueue</c>: keys are cluster names.
/// <list type="bullet">
/// <item>A key waiting in the queue is never queued twice (<see cref="Add"/> deduplicates).</item>
/// <item>A key is handed to one worker at a time. Added again while that worker holds it, the key is marked
/// dirty and queued once more when the worker calls <see cref="Done"/>.</item>
/// <item><see cref="AddAfter"/> delays a key with <see cref="TimeProvider"/> timers (one per key, the earliest wins);
/// <see cref="AddRateLimited"/> delays it by a per-key exponential backoff that <see cref="Forget"/> resets.</item>
/// <item><see cref="ShutDown"/> stops handing out keys at once (waiting workers get <c>null</c>) and ignores new adds.
/// Pending keys are dropped: reconciles are level-triggered, so the next start resyncs everything.</item>
/// </list>
/// Thread-safe.
/// </summary>
public sealed class WorkQueue : IDisposable
{
    private readonly Lock gate = new();
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan baseBackoff;
    private readonly TimeSpan maxBackoff;

    private readonly Queue<string> queue = new();

    // Keys that need processing: waiting in the queue, or re-added while being processed.
    private readonly HashSet<string> dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> processing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DelayedKey> delayed = new(StringComparer.Ordinal);
    private readonly LinkedList<TaskCompletionSource<string?>> waiters = new();
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool shuttingDown;

    public WorkQueue(TimeProvider timeProvider, TimeSpan baseBackoff, TimeSpan maxBackoff)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBackoff, baseBackoff);
        this.timeProvider = timeProvider;
        this.baseBackoff = baseBackoff;
        this.maxBackoff = maxBackoff;
    }

    /// <summary>Takes the backoff from <see cref="OperatorOptions.BaseBackoff"/> and <see cref="OperatorOptions.MaxBackoff"/>.</summary>
    public WorkQueue(TimeProvider timeProvider, IOptions<OperatorOptions> options)
        : this(timeProvider, options.Value.BaseBackoff, options.Value.MaxBackoff)
    {
    }

    /// <summary>Keys ready to be handed out (the queue's depth), not counting delayed ones or those being processed.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>Keys waiting for a delay (<see cref="AddAfter"/>, <see cref="AddRateLimited"/>) to pass.</summary>
    public int DelayedCount
    {
        get
        {
            lock (gate)
            {
                return delayed.Count;
            }
        }
    }

    /// <summary>Keys handed out and not yet <see cref="Done"/>.</summary>
    public int ProcessingCount
    {
        get
        {
            lock (gate)
            {
                return processing.Count;
            }
        }
    }

    public bool IsShuttingDown
    {
        get
        {
            lock (gate)
            {
                return shuttingDown;
            }
        }
    }

    /// <summary>Queues the key unless it is already waiting; marks it dirty if a worker holds it.</summary>
    public void Add(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        TaskCompletionSource<string?>? handedTo;
        lock (gate)
        {
            if (shuttingDown || !dirty.Add(key))
            {
                return;
            }

            if (processing.Contains(key))
            {
                return;
            }

            handedTo = HandOutOrEnqueue(key);
        }

        handedTo?.TrySetResult(key);
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed; an earlier pending delay for the key wins.</summary>
    public void AddAfter(string key, TimeSpan delay)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        ITimer? replaced;
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            var readyAt = timeProvider.GetUtcNow() + delay;
            if (delayed.TryGetValue(key, out var existing) && existing.ReadyAt <= readyAt)
            {
                return;
            }

            replaced = existing?.Timer;
            var entry = new DelayedKey(key, readyAt);
            delayed[key] = entry;

            // The callback takes the lock, so it cannot observe the entry before its timer is set.
            entry.Timer = timeProvider.CreateTimer(
                static state =>
                {
                    var (owner, key) = ((WorkQueue, DelayedKey))state!;
                    owner.OnDelayElapsed(key);
                },
                (this, entry),
                delay,
                Timeout.InfiniteTimeSpan);
        }

        replaced?.Dispose();
    }

    /// <summary>Adds the key after its backoff: <see cref="OperatorOptions.BaseBackoff"/> doubled per earlier failure, capped.</summary>
    public void AddRateLimited(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        TimeSpan delay;
        lock (gate)
        {
            var count = failures.GetValueOrDefault(key);
            failures[key] = count + 1;
            delay = Backoff.Exponential(count, baseBackoff, maxBackoff);
        }

        AddAfter(key, delay);
    }

    /// <summary>Resets the key's backoff: the next <see cref="AddRateLimited"/> waits the base delay again.</summary>
    public void Forget(string key)
    {
        lock (gate)
        {
            failures.Remove(key);
        }
    }

    /// <summary>How many times the key was rate-limited since it was last forgotten.</summary>
    public int NumRequeues(string key)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Waits for the next key and marks it as being processed; the caller must call <see cref="Done"/> with it.
    /// Returns <c>null</c> once the queue is shut down.
    /// </summary>
    public Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<string?> waiter;
        LinkedListNode<TaskCompletionSource<string?>> node;
        lock (gate)
        {
            if (shuttingDown)
            {
                return Task.FromResult<string?>(null);
            }

            if (queue.TryDequeue(out var key))
            {
                dirty.Remove(key);
                processing.Add(key);
                return Task.FromResult<string?>(key);
            }

            waiter = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = waiters.AddLast(waiter);
        }

        // A token cancelled already runs the callback at once: the waiter leaves the list and its task is cancelled.
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => CancelWaiter(node, cancellationToken));
            _ = waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return waiter.Task;
    }

    /// <summary>Ends the processing of a key; if it was added meanwhile, it is queued again.</summary>
    public void Done(string key)
    {
        TaskCompletionSource<string?>? handedTo = null;
        var drainedNow = false;
        lock (gate)
        {
            if (!processing.Remove(key))
            {
                return;
            }

            if (shuttingDown)
            {
                drainedNow = processing.Count == 0;
            }
            else if (dirty.Contains(key))
            {
                handedTo = HandOutOrEnqueue(key);
            }
        }

        handedTo?.TrySetResult(key);
        if (drainedNow)
        {
            drained.TrySetResult();
        }
    }

    /// <summary>Stops handing out keys and accepting adds; workers waiting in <see cref="GetAsync"/> get <c>null</c>.</summary>
    public void ShutDown()
    {
        List<TaskCompletionSource<string?>> woken;
        List<ITimer> timers;
        bool idle;
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            shuttingDown = true;
            // The woken waiters may stay listed: nothing hands out keys once shutting down.
            woken = [.. waiters];
            timers = [.. delayed.Values.Select(d => d.Timer).OfType<ITimer>()];
            delayed.Clear();
            queue.Clear();
            idle = processing.Count == 0;
        }

        foreach (var waiter in woken)
        {
            waiter.TrySetResult(null);
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        if (idle)
        {
            drained.TrySetResult();
        }
    }

    /// <summary><see cref="ShutDown"/>, then waits until every key handed out has been <see cref="Done"/>.</summary>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken)
    {
        ShutDown();
        return drained.Task.WaitAsync(cancellationToken);
    }

    public void Dispose() => ShutDown();

    // Under the lock: a waiting worker gets the key directly, otherwise it joins the queue.
    private TaskCompletionSource<string?>? HandOutOrEnqueue(string key)
    {
        if (waiters.First is { } first)
        {
            waiters.RemoveFirst();
            dirty.Remove(key);
            processing.Add(key);
            return first.Value;
        }

        queue.Enqueue(key);
        return null;
    }

    private void CancelWaiter(LinkedListNode<TaskCompletionSource<string?>> node, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            // Not in the list any more: it was handed a key first, which stands.
            if (node.List is null)
            {
                return;
            }

            waiters.Remove(node);
        }

        node.Value.TrySetCanceled(cancellationToken);
    }

    private void OnDelayElapsed(DelayedKey entry)
    {
        lock (gate)
        {
            if (!delayed.TryGetValue(entry.Key, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            delayed.Remove(entry.Key);
        }

        Add(entry.Key);
    }

    private sealed class DelayedKey(string key, DateTimeOffset readyAt)
    {
        public string Key { get; } = key;

        public DateTimeOffset ReadyAt { get; } = readyAt;

        public ITimer? Timer { get; set; }
    }
}
