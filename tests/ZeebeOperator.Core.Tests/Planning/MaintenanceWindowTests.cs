using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Planning;

public sealed class MaintenanceWindowTests
{
    private static readonly MaintenanceWindowSpec SundayNights = new("0 0 2 ? * SUN", TimeSpan.FromHours(2));

    [Fact]
    public void Without_a_window_restarts_may_run_any_time() =>
        Assert.True(MaintenanceWindow.Evaluate(null, DateTimeOffset.UnixEpoch).IsOpen);

    [Fact]
    public void The_window_is_open_from_its_start_for_its_duration()
    {
        var sunday = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

        Assert.True(MaintenanceWindow.Evaluate(SundayNights, sunday).IsOpen);
        Assert.True(MaintenanceWindow.Evaluate(SundayNights, sunday.AddMinutes(119)).IsOpen);
        Assert.False(MaintenanceWindow.Evaluate(SundayNights, sunday.AddMinutes(121)).IsOpen);
        Assert.False(MaintenanceWindow.Evaluate(SundayNights, sunday.AddSeconds(-1)).IsOpen);
    }

    [Fact]
    public void A_closed_window_says_when_it_opens_next()
    {
        var sundayAfternoon = new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

        var state = MaintenanceWindow.Evaluate(SundayNights, sundayAfternoon);

        Assert.False(state.IsOpen);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero), state.NextOpening);
    }
}
