using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Timing;

/// <summary>A throttled call waits before it is sent again, and the log names the budget in units people read.</summary>
public sealed class ThrottlingRetryWaitTests
{
    [Fact]
    public async Task A_throttled_call_is_not_sent_again_before_its_backoff_has_passed()
    {
        var time = new ManualTimeProvider();
        var options = new OperatorOptions { ThrottleRetries = 1, ThrottleRetryBaseDelay = TimeSpan.FromSeconds(10), ThrottleRetryMaxDelay = TimeSpan.FromSeconds(10) };
        var retry = new ThrottlingRetry(time, Options.Create(options));
        var attempts = 0;

        var call = retry.RunAsync(
            _ => ++attempts == 1
                ? throw new AwsApiException("ecs", "ListTasks", AwsErrorKind.Throttled, "ThrottlingException", "Rate exceeded")
                : Task.FromResult(attempts),
            CancellationToken.None);

        Assert.False(call.IsCompleted);
        Assert.Equal(1, attempts);
        Assert.Equal(1, time.ActiveTimerCount);
        time.Advance(options.ThrottleRetryMaxDelay);
        Assert.Equal(2, await call);
    }

    [Theory]
    [InlineData(999, "999ms")]
    [InlineData(1000, "1s")]
    [InlineData(59_500, "59.5s")]
    [InlineData(60_000, "1m 0s")]
    [InlineData(772_700, "12m 52.7s")]
    public void Durations_are_written_in_the_largest_unit_that_fits(int milliseconds, string expected) =>
        Assert.Equal(expected, RetryBudget.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Retries_the_client_makes_underneath_are_named_only_when_there_are_some()
    {
        var options = new OperatorOptions { ThrottleRetries = 0 };

        Assert.Contains(
            "(30s per attempt, each retried 3 time(s) by the client (7s backoff))",
            RetryBudget.From(options, new CallTransport(TimeSpan.FromSeconds(30), 3, TimeSpan.FromSeconds(7))).ToString(),
            StringComparison.Ordinal);
        Assert.Contains(
            "(30s per attempt)",
            RetryBudget.From(options, new CallTransport(TimeSpan.FromSeconds(30), 0, TimeSpan.Zero)).ToString(),
            StringComparison.Ordinal);
    }
}
