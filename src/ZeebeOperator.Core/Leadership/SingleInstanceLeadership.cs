using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Leadership;

/// <summary>Leader election off: one instance that always acts, with fencing token 0.</summary>
public sealed class SingleInstanceLeadership(string identity, TimeProvider time) : ILeadership, IFencingTokenSource
{
    private static readonly LeadershipTerm Forever = new(0, CancellationToken.None);

    public bool IsLeader => true;

    public long? FencingToken => 0;

    public long CurrentToken => 0;

    public void EnsureCurrent(long token)
    {
    }

    public LeadershipSnapshot Snapshot() => new(identity, LeadershipRole.Unelected, true, 0, identity, null, time.GetUtcNow());

    public Task<LeadershipTerm> WaitForLeadershipAsync(CancellationToken cancellationToken) => Task.FromResult(Forever);
}
