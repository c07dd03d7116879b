using ZeebeOperator.Core.Leadership;

namespace ZeebeOperator.Core.Tests.Leadership;

public sealed class LeaderElectionOptionsValidatorTests
{
    private readonly LeaderElectionOptionsValidator _validator = new();

    [Fact]
    public void The_controller_runtime_defaults_are_valid()
    {
        var defaults = new LeaderElectionOptions();

        Assert.True(defaults.Enabled);
        Assert.True(_validator.Validate(null, defaults).Succeeded);
        Assert.Equal((15, 10, 2), ((int)defaults.LeaseDuration.TotalSeconds, (int)defaults.RenewDeadline.TotalSeconds, (int)defaults.RetryPeriod.TotalSeconds));
    }

    [Fact]
    public void The_renew_deadline_must_be_shorter_than_the_lease_and_the_retry_shorter_than_the_deadline()
    {
        var result = _validator.Validate(null, new LeaderElectionOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(10),
            RenewDeadline = TimeSpan.FromSeconds(10),
            RetryPeriod = TimeSpan.FromSeconds(12),
        });

        Assert.Equal(
            [
                "LeaderElection:RenewDeadline (00:00:10) must be less than LeaderElection:LeaseDuration (00:00:10): the leader must stop before others may take over.",
                "LeaderElection:RetryPeriod (00:00:12) must be less than LeaderElection:RenewDeadline (00:00:10): the leader must get more than one renewal attempt.",
            ],
            result.Failures);
    }

    [Theory]
    [InlineData(nameof(LeaderElectionOptions.LeaseDuration))]
    [InlineData(nameof(LeaderElectionOptions.RenewDeadline))]
    [InlineData(nameof(LeaderElectionOptions.RetryPeriod))]
    public void A_duration_that_is_not_positive_is_reported_once_not_again_as_a_wrong_order(string key)
    {
        var options = new LeaderElectionOptions();
        typeof(LeaderElectionOptions).GetProperty(key)!.SetValue(options, TimeSpan.Zero);

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.StartsWith($"LeaderElection:{key} ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retry_period_as_long_as_the_renew_deadline_is_refused()
    {
        var failure = Assert.Single(_validator.Validate(null, new LeaderElectionOptions { RetryPeriod = TimeSpan.FromSeconds(10) }).Failures!);

        Assert.StartsWith("LeaderElection:RetryPeriod ", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256, true)]
    [InlineData(257, false)]
    public void An_identity_may_have_up_to_256_characters(int length, bool valid)
    {
        var result = _validator.Validate(null, new LeaderElectionOptions { Identity = new string('i', length) });

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public void Every_bad_key_is_named_at_once()
    {
        var result = _validator.Validate(null, new LeaderElectionOptions
        {
            LeaseName = "zeebe operator/prod",
            Identity = " ",
            RetryPeriod = TimeSpan.Zero,
        });

        Assert.Equal(
            [
                "LeaderElection:RetryPeriod must be a positive duration such as 00:00:10 (was 00:00:00).",
                "LeaderElection:LeaseName must be 1-128 letters, digits, '.', '_' or '-' (was 'zeebe operator/prod').",
                "LeaderElection:Identity must be 1-256 characters and not blank when set (was ' ').",
            ],
            result.Failures);
    }

    [Fact]
    public void The_default_identity_is_the_ECS_task_or_the_host_and_process()
    {
        var onEcs = LeaderIdentity.Default(name => name == "ECS_CONTAINER_METADATA_URI_V4"
            ? "http://169.254.170.2/v4/5f2a0c1d9e8b4a7f9c3d2e1f0a9b8c7d-3153817486"
            : null);
        var elsewhere = LeaderIdentity.Default(_ => null);

        Assert.Equal($"ecs-5f2a0c1d9e8b4a7f9c3d2e1f0a9b8c7d-3153817486-{Environment.ProcessId}", onEcs);
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", elsewhere);
    }
}
