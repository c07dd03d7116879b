using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>When a failing subscriber task is tried again, and when it is given up on.</summary>
public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = OperatorHarness.Start;
    private static readonly NotifyOptions Defaults = new();

    [Fact]
    public void The_first_failure_starts_the_budget_and_waits_at_most_the_base_backoff()
    {
        var retry = RetrySchedule.After(null, Now, Defaults, jitter: 1);

        Assert.Equal(new DeliveryRetry(1, Now, Now + Defaults.BaseBackoff), retry);
    }

    [Fact]
    public void Later_failures_double_the_wait_up_to_the_max_backoff_and_keep_the_first_failure()
    {
        var previous = new DeliveryRetry(20, Now, Now + TimeSpan.FromMinutes(10));
        var at = Now + TimeSpan.FromMinutes(10);

        var retry = RetrySchedule.After(previous, at, Defaults, jitter: 0.5);

        Assert.Equal(new DeliveryRetry(21, Now, at + (Defaults.MaxBackoff / 2)), retry);
    }

    [Fact]
    public void The_last_retry_is_due_when_the_budget_ends_and_a_failure_after_it_gives_up()
    {
        var giveUpAt = Now + Defaults.GiveUpAfter;
        var late = new DeliveryRetry(70, Now, giveUpAt - TimeSpan.FromSeconds(10));

        Assert.Equal(giveUpAt, RetrySchedule.After(late, giveUpAt - TimeSpan.FromSeconds(10), Defaults, jitter: 1)!.DueAt);
        Assert.Null(RetrySchedule.After(late with { Attempts = 71 }, giveUpAt, Defaults, jitter: 0));
    }

    [Fact]
    public void Bad_Notify_retry_settings_are_refused_naming_each_key()
    {
        var time = new ManualTimeProvider(Now);
        using var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(time)
            .AddZeebeOperatorCore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Notify:GiveUpAfter"] = "00:00:30",
                ["Notify:MaxAttempts"] = "10",
            }).Build())
            .AddSimulatedAws(new SimulatedAws(time))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<NotifyOptions>>().Value);

        Assert.Equal(
            [
                "Notify:GiveUpAfter must not be less than Notify:MaxBackoff (00:01:00) (was 00:00:30).",
                "Notify:MaxAttempts is no longer read: a failing task is retried for Notify:GiveUpAfter (00:00:30) instead; remove it.",
            ],
            error.Failures);
    }
}
