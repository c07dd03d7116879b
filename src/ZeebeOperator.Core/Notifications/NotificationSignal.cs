namespace ZeebeOperator.Core.Notifications;

/// <summary>Wakes the delivery loop when an event was written, so it need not wait for its next outbox poll.</summary>
public sealed class NotificationSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _raised = NewSource();

    /// <summary>Raised and not yet taken by a wait.</summary>
    public bool IsRaised
    {
        get
        {
            lock (_gate)
            {
                return _raised.Task.IsCompleted;
            }
        }
    }

    public void Raise()
    {
        lock (_gate)
        {
            _raised.TrySetResult();
        }
    }

    /// <summary>Completes when raised (since the last wait ended) or after <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task raised;
        lock (_gate)
        {
            raised = _raised.Task;
        }

        try
        {
            await Task.WhenAny(raised, Task.Delay(timeout, time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            lock (_gate)
            {
                if (_raised.Task.IsCompleted)
                {
                    _raised = NewSource();
                }
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
