using ZeebeOperator.Core.Desired;

namespace ZeebeOperator.Core.Reconciliation;

/// <summary>
/// The idempotency token of a create call (ECS clientToken, EFS ClientToken, Cloud Map CreatorRequestId): one per
/// intent, taken from the audit record's operation id. The retries of that intent repeat it, so a throttled or
/// SDK-retried create never doubles; every new attempt to create gets a new one, because AWS answers a repeated token
/// with the first call's result for a long time, even once that resource is deleted: a token shared by two intents
/// would turn a re-creation (drift repair, a cluster created again) into a silent no-op.
/// </summary>
public static class IdempotencyToken
{
    /// <summary>The shortest limit of the three APIs: ECS's clientToken (EFS and Cloud Map take 64).</summary>
    public const int MaxLength = 36;

    /// <summary>The operation id itself when it fits every API (printable ASCII, at most 36 characters), else a hash of it.</summary>
    public static string ForIntent(string operationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        return operationId.Length <= MaxLength && operationId.All(c => c is > ' ' and <= '~')
            ? operationId
            : StableHash.Token(operationId);
    }
}
