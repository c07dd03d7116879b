using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Notifications;

public sealed class RetryScheduleEdgeTests
{
    [Fact]
    public void Missing_options_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => RetrySchedule.After(null, OperatorHarness.Start, null!, jitter: 1));
    }
}
