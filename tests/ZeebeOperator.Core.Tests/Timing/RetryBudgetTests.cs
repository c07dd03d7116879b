using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Tests.Timing;

public sealed class RetryBudgetTests
{
    [Fact]
    public void In_process_the_worst_case_of_a_call_is_the_throttling_backoff()
    {
        var budget = RetryBudget.From(new OperatorOptions(), CallTransport.InProcess);

        // 0.1 + 0.2 + 0.4 + 0.8 + 1.6 + 3.2 + 6.4, then 13 × 10 s.
        Assert.Equal(TimeSpan.FromSeconds(142.7), budget.ThrottleBackoff);
        Assert.Equal(TimeSpan.FromSeconds(142.7), budget.WorstCase);
        Assert.Equal(21, budget.Attempts);
        Assert.Equal(
            "one AWS call gives up after at most 2m 22.7s: 21 attempt(s) while throttled (each answered in-process) and up to 2m 22.7s of throttling backoff",
            budget.ToString());
    }

    [Fact]
    public void Every_throttled_attempt_may_take_the_attempt_timeout_and_retries_underneath_multiply()
    {
        var options = new OperatorOptions { ThrottleRetries = 2 };
        var oneTry = RetryBudget.From(options, new CallTransport(TimeSpan.FromSeconds(30), 0, TimeSpan.Zero));
        var stacked = RetryBudget.From(options, new CallTransport(TimeSpan.FromSeconds(30), 3, TimeSpan.FromSeconds(7)));

        Assert.Equal(TimeSpan.FromSeconds((3 * 30) + 0.3), oneTry.WorstCase);
        Assert.Equal(TimeSpan.FromSeconds((3 * ((4 * 30) + 7)) + 0.3), stacked.WorstCase);
        Assert.Equal(12, stacked.Attempts);
    }

    [Fact]
    public void An_attempt_without_a_timeout_leaves_the_call_unbounded()
    {
        var budget = RetryBudget.From(new OperatorOptions(), new CallTransport(null, 0, TimeSpan.Zero));

        Assert.Null(budget.WorstCase);
        Assert.Contains("gives up after at most unbounded", budget.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_retry_makes_the_budgeted_attempts_and_never_waits_longer_than_the_budget()
    {
        var options = new OperatorOptions { ThrottleRetries = 8, ThrottleRetryBaseDelay = TimeSpan.FromMilliseconds(100), ThrottleRetryMaxDelay = TimeSpan.FromSeconds(2) };
        var budget = RetryBudget.From(options, CallTransport.InProcess);
        var time = new InstantTimeProvider();
        var retry = new ThrottlingRetry(time, Options.Create(options));
        var attempts = 0;

        var error = await Assert.ThrowsAsync<AwsApiException>(() => retry.RunAsync<bool>(
            _ =>
            {
                attempts++;
                throw new AwsApiException("ecs", "ListTasks", AwsErrorKind.Throttled, "ThrottlingException", "Rate exceeded");
            },
            CancellationToken.None));

        Assert.Equal(AwsErrorKind.Throttled, error.Kind);
        Assert.Equal(budget.Attempts, attempts);
        var delays = time.Delays.ToArray();
        Assert.InRange(delays.Length, 0, options.ThrottleRetries);
        Assert.All(delays.Index(), d => Assert.InRange(d.Item, TimeSpan.Zero, budget.ThrottleDelayCeiling(d.Index)));
        Assert.True(delays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d) <= budget.ThrottleBackoff);
    }

    /// <summary>Fires every timer at once (on the thread pool) and remembers how long it was asked to wait.</summary>
    private sealed class InstantTimeProvider : TimeProvider
    {
        public ConcurrentQueue<TimeSpan> Delays { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Delays.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
