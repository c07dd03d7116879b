using Quartz;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Planning;

/// <summary>Evaluates a maintenance window (a Quartz cron schedule of openings, each lasting a duration) in UTC.</summary>
public static class MaintenanceWindow
{
    public static MaintenanceWindowState Evaluate(MaintenanceWindowSpec? window, DateTimeOffset now)
    {
        if (window is null)
        {
            return MaintenanceWindowState.AlwaysOpen;
        }

        var schedule = new CronExpression(window.Schedule, TimeZoneInfo.Utc);

        // The first opening after (now - duration) is either still open now, or the next one to come.
        var opening = schedule.GetNextValidTimeAfter(now - window.Duration);
        return opening is { } start && start <= now
            ? new MaintenanceWindowState(true, start)
            : new MaintenanceWindowState(false, opening);
    }
}
