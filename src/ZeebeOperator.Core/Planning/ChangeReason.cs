namespace ZeebeOperator.Core.Planning;

/// <summary>
/// Why an action is planned. A closed set: the planner decides on the kind (a drift repair is never held for the
/// rolling gate), and <see cref="ToString"/> is the text audit records, logs and plan steps show.
/// </summary>
public abstract record ChangeReason
{
    private ChangeReason()
    {
    }

    public static ChangeReason Missing { get; } = new Named("Missing");

    /// <summary>The spec made the task definition change; the old revisions are deregistered.</summary>
    public static ChangeReason Replaced { get; } = new Named("Replaced");

    public static ChangeReason ScaleUp { get; } = new Named("ScaleUp");

    public static ChangeReason ScaleDown { get; } = new Named("ScaleDown");

    public static ChangeReason DeletionRequested { get; } = new Named("DeletionRequested");

    /// <summary>True when the change repairs something changed out of band, in whole or in part.</summary>
    public abstract bool IsDrift { get; }

    public static ChangeReason AllOf(IReadOnlyList<ChangeReason> parts) => parts.Count == 1 ? parts[0] : new Combined(parts);

    public abstract override string ToString();

    /// <summary>A fixed reason, shown by its name.</summary>
    public sealed record Named(string Name) : ChangeReason
    {
        public override bool IsDrift => false;

        public override string ToString() => Name;
    }

    /// <summary>Something was changed or deleted out of band; shown as <c>Drift: what</c>.</summary>
    public sealed record Drift(string What) : ChangeReason
    {
        public override bool IsDrift => true;

        public override string ToString() => $"Drift: {What}";
    }

    /// <summary>The spec asks for something other than what runs, e.g. <c>image a -> b</c>.</summary>
    public sealed record SpecChange(string What) : ChangeReason
    {
        public override bool IsDrift => false;

        public override string ToString() => What;
    }

    /// <summary>A removal, further explained (e.g. the access point goes because retention is Delete).</summary>
    public sealed record Because(ChangeReason Cause, string Detail) : ChangeReason
    {
        public override bool IsDrift => Cause.IsDrift;

        public override string ToString() => $"{Cause}; {Detail}";
    }

    /// <summary>Several changes made by one action, shown in order, separated by "; ".</summary>
    public sealed record Combined(IReadOnlyList<ChangeReason> Parts) : ChangeReason
    {
        public override bool IsDrift => Parts.Any(p => p.IsDrift);

        public override string ToString() => string.Join("; ", Parts);
    }
}
