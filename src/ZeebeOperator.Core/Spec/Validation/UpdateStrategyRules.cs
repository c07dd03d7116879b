namespace ZeebeOperator.Core.Spec.Validation;

internal static class UpdateStrategyRules
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromHours(24);
    private static readonly string SchedulePath = SpecPath.Of(d => d.Spec.UpdateStrategy.MaintenanceWindow!.Schedule);
    private static readonly string DurationPath = SpecPath.Of(d => d.Spec.UpdateStrategy.MaintenanceWindow!.Duration);

    public static void Check(UpdateStrategySpec strategy, ICollection<SpecError> errors)
    {
        if (strategy.MaintenanceWindow is not { } window)
        {
            return;
        }

        CronScheduleRules.Check(SchedulePath, window.Schedule, errors);
        if (window.Duration <= TimeSpan.Zero || window.Duration > MaxWindow)
        {
            errors.Add(DurationPath, "must be longer than zero and at most 24 hours (\"PT24H\")");
        }
    }
}
