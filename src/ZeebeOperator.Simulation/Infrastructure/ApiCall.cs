namespace ZeebeOperator.Simulation.Infrastructure;

public enum ApiCallOutcome
{
    Succeeded,
    Failed,
}

/// <summary>One call to the simulation, as the call log recorded it.</summary>
/// <param name="Service">The AWS service prefix: <c>ecs</c>, <c>servicediscovery</c>, <c>elasticfilesystem</c>, <c>s3</c>, <c>dynamodb</c>.</param>
/// <param name="Operation">The API operation, e.g. <c>CreateService</c>.</param>
/// <param name="Mutating">Whether the operation changes state (whether or not this call succeeded).</param>
/// <param name="ErrorCode">The AWS error code of a failed call.</param>
public sealed record ApiCall(
    long Sequence,
    DateTimeOffset Timestamp,
    string Service,
    string Operation,
    bool Mutating,
    ApiCallOutcome Outcome,
    string? ErrorCode)
{
    /// <summary><c>service:Operation</c>, as IAM and the audit trail name it.</summary>
    public string Action => $"{Service}:{Operation}";

    public bool Matches(string operation) => operation == Operation || operation == Action;
}
