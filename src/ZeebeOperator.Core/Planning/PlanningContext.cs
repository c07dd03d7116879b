using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Planning;

/// <summary>Whether restarting changes may run now, and when they may next.</summary>
public sealed record MaintenanceWindowState(bool IsOpen, DateTimeOffset? NextOpening)
{
    public static MaintenanceWindowState AlwaysOpen { get; } = new(true, null);
}

/// <summary>What the planner needs beyond desired and observed state.</summary>
/// <param name="Previous">The last status written: it names the topology change the operator started, and what existed before.</param>
/// <param name="ChangeTimeout">How long a Zeebe topology change may run before it counts as stuck.</param>
public sealed record PlanningContext(DateTimeOffset Now, MaintenanceWindowState Window, ClusterStatus? Previous, TimeSpan ChangeTimeout)
{
    public static PlanningContext At(DateTimeOffset now) => new(now, MaintenanceWindowState.AlwaysOpen, null, TimeSpan.FromMinutes(30));
}
