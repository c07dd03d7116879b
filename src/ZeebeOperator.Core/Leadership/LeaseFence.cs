namespace ZeebeOperator.Core.Leadership;

/// <summary>
/// The leadership term a fenced store write requires: lease <see cref="LeaseName"/> still names
/// <see cref="Holder"/> with <see cref="FencingToken"/> and is not released. The store checks it atomically with the
/// write (DynamoDB: a <c>ConditionCheck</c> on the lease item in the same transaction), so a deposed leader's write
/// is refused even when it passed every local check before a pause.
/// </summary>
public sealed record LeaseFence(string LeaseName, string Holder, long FencingToken)
{
    /// <summary>Whether <paramref name="lease"/> (as stored) is still this term.</summary>
    public bool IsHeldBy(LeaseRecord? lease) =>
        lease is not null && lease.Holder == Holder && lease.FencingToken == FencingToken && !lease.IsReleased;
}
