namespace ZeebeOperator.Core.Planning;

/// <summary>
/// An AWS or Zeebe operation by its IAM action name, e.g. <c>ecs:UpdateService</c> or <c>zeebe:AddBrokers</c>: the
/// name audit records, metrics and the IAM policy use.
/// </summary>
public readonly record struct OperationName(string Service, string Operation)
{
    public override string ToString() => $"{Service}:{Operation}";
}

/// <summary>
/// What an action type is: the operation it calls, how its plan step reads (verb and resource kind, e.g.
/// "create ECS service"), and whether it mutates (a mutation is audited before and after; a read is not).
/// </summary>
public sealed record ActionKind(OperationName Operation, string Verb, string ResourceKind, bool Mutates = true);
