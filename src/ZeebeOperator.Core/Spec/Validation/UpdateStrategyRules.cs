using Quartz;
namespace ZeebeOperator.Core.Spec.Validation;

internal static class UpdateStrategyRules
{
    private const int DayOfMonthField = 3;
    private const int DayOfWeekField = 5;

    private static readonly TimeSpan MaxWindow = TimeSpan.FromHours(24);
    private static readonly string SchedulePath = SpecPath.Of(d => d.Spec.UpdateStrategy.MaintenanceWindow!.Schedule);
    private static readonly string DurationPath = SpecPath.Of(d => d.Spec.UpdateStrategy.MaintenanceWindow!.Duration);

    public static void Check(UpdateStrategySpec strategy, ICollection<SpecError> errors)
    {
        if (strategy.MaintenanceWindow is not { } window)
        {
            return;
        }

        CheckSchedule(window.Schedule, errors);
        if (window.Duration <= TimeSpan.Zero || window.Duration > MaxWindow)
        {
            errors.Add(DurationPath, "must be longer than zero and at most 24 hours (\"PT24H\")");
        }
    }

    private static void CheckSchedule(string schedule, ICollection<SpecError> errors)
    {
        var path = SchedulePath;
        if (!SpecPatterns.QuartzCron().IsMatch(schedule))
        {
            errors.Add(
                path,
                "must be a Quartz cron expression of 6 or 7 space-separated fields (seconds minutes hours day-of-month month day-of-week [year]), such as \"0 0 2 ? * SUN\"");
            return;
        }

        var fields = schedule.Split(' ');
        if ((fields[DayOfMonthField] == "?") == (fields[DayOfWeekField] == "?"))
        {
            errors.Add(path, "must set exactly one of day-of-month and day-of-week to '?' (Quartz rule), such as \"0 0 2 ? * SUN\"");
            return;
        }

        try
        {
            _ = new CronExpression(schedule, TimeZoneInfo.Utc);
        }
        catch (FormatException e)
        {
            errors.Add(path, $"is not a valid Quartz cron expression: {e.Message}");
        }
    }
}
