using ZeebeOperator.Core.Leadership;

namespace ZeebeOperator.Core.Ports;

/// <summary>
/// The current leader's fencing token: recorded on every audit entry and checked before every mutating call, so
/// an instance that lost its lease (or was paused past its renew deadline) cannot act on a stale token.
/// </summary>
public interface IFencingTokenSource
{
    /// <summary>The token of the current (or last) leadership term; 0 before the first.</summary>
    long CurrentToken { get; }

    /// <summary>Throws <see cref="LeadershipLostException"/> unless this instance still leads with <paramref name="token"/>.</summary>
    void EnsureCurrent(long token);

    /// <summary>
    /// The lease term a store write made with <paramref name="token"/> must find still current, checked by the store
    /// itself; null when leadership is not elected (a single instance), so the write needs no lease.
    /// </summary>
    LeaseFence? FenceFor(long token);
}
