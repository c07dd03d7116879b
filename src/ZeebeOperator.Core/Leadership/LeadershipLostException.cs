namespace ZeebeOperator.Core.Leadership;

/// <summary>
/// This instance no longer leads with the fencing token it started the work with: the work stops, like a
/// cancellation, before it can make another mutating call.
/// </summary>
public sealed class LeadershipLostException(long token, string reason)
    : OperationCanceledException($"Leadership with fencing token {token} is no longer held: {reason}.")
{
    public long Token { get; } = token;
}
