namespace ZeebeOperator.Host.Controller;

/// <summary>What one listing of the spec store showed against the one before, by cluster name.</summary>
internal sealed record SpecChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed)
{
    public static SpecChanges None { get; } = new([], [], []);

    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;

    public IEnumerable<string> All => Added.Concat(Changed).Concat(Removed);
}
