using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.Tests;

/// <summary>The timing model against AWS: the number README's "Timing and retries" states, and where it comes from.</summary>
public sealed class TimingTests
{
    [Fact]
    public void With_the_default_settings_one_AWS_call_gives_up_after_at_most_12m_52_7s()
    {
        var budget = RetryBudget.From(new OperatorOptions(), new AwsOptions().ToCallTransport());

        Assert.Equal(TimeSpan.FromSeconds((21 * 30) + 142.7), budget.WorstCase);
        Assert.Equal(21, budget.Attempts);
        Assert.Equal(
            "one AWS call gives up after at most 12m 52.7s: 21 attempt(s) while throttled (30s per attempt) and up to 2m 22.7s of throttling backoff",
            budget.ToString());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1 + 2 + 4)]
    [InlineData(10, 1 + 2 + 4 + 8 + 16 + (5 * 20))]
    public void The_SDK_s_own_retries_add_their_attempts_and_backoff_to_every_attempt(int retries, int backoffSeconds)
    {
        var transport = new AwsOptions { MaxErrorRetry = retries, Timeout = TimeSpan.FromSeconds(5) }.ToCallTransport();

        Assert.Equal(new CallTransport(TimeSpan.FromSeconds(5), retries, TimeSpan.FromSeconds(backoffSeconds)), transport);
        Assert.Equal(TimeSpan.FromSeconds((5 * (retries + 1)) + backoffSeconds), transport.WorstCase);
    }

    [Fact]
    public void No_timeout_counts_the_SDK_s_own_100_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(100), new AwsOptions { Timeout = null }.ToCallTransport().AttemptTimeout);
    }

    [Fact]
    public void The_adapters_register_the_transport_their_settings_make()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:SpecBucket"] = "zeebe-specs",
            ["Aws:MaxErrorRetry"] = "1",
            ["Aws:Timeout"] = "00:00:05",
        }).Build();
        using var provider = new ServiceCollection().AddAwsAdapters(configuration).BuildServiceProvider();

        Assert.Equal(new CallTransport(TimeSpan.FromSeconds(5), 1, TimeSpan.FromSeconds(1)), provider.GetRequiredService<CallTransport>());
    }
}
