using ZeebeOperator.Core.Notifications;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>How the Notify section's retry timings must relate.</summary>
public sealed class NotifyOptionsTests
{
    private readonly NotifyOptionsValidator _validator = new();

    [Fact]
    public void The_longest_backoff_may_equal_the_first_but_not_be_below_it()
    {
        Assert.True(_validator.Validate(null, new NotifyOptions { BaseBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromSeconds(5) }).Succeeded);

        var below = _validator.Validate(null, new NotifyOptions { BaseBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromSeconds(4) });

        Assert.True(below.Failed);
        Assert.Contains("Notify:MaxBackoff", below.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Giving_up_may_come_after_exactly_the_longest_backoff_but_not_before_it()
    {
        Assert.True(_validator.Validate(null, new NotifyOptions { MaxBackoff = TimeSpan.FromMinutes(2), GiveUpAfter = TimeSpan.FromMinutes(2) }).Succeeded);

        var before = _validator.Validate(null, new NotifyOptions { MaxBackoff = TimeSpan.FromMinutes(2), GiveUpAfter = TimeSpan.FromMinutes(1) });

        Assert.True(before.Failed);
        Assert.Contains("Notify:GiveUpAfter", before.FailureMessage, StringComparison.Ordinal);
    }
}
