using ZeebeOperator.Core.Queue;

namespace ZeebeOperator.Core.Tests.Queue;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(8, 256)]
    [InlineData(9, 300)]
    [InlineData(1000, 300)]
    public void Doubles_per_failure_up_to_the_cap(int failures, int expectedSeconds)
    {
        var delay = Backoff.Exponential(failures, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public void A_zero_base_means_no_delay() =>
        Assert.Equal(TimeSpan.Zero, Backoff.Exponential(3, TimeSpan.Zero, TimeSpan.FromSeconds(10)));

    [Fact]
    public void A_negative_failure_count_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Exponential(-1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)));

    [Fact]
    public void A_negative_base_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Exponential(1, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(10)));
}
