using Quartz;

namespace ZeebeOperator.Core.Spec.Validation;

/// <summary>A Quartz cron schedule (UTC), as maintenance windows and backup schedules take it.</summary>
internal static class CronScheduleRules
{
    private const int DayOfMonthField = 3;
    private const int DayOfWeekField = 5;

    public static void Check(string path, string schedule, ICollection<SpecError> errors)
    {
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
