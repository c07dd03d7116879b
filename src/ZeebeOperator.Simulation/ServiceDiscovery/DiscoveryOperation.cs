namespace ZeebeOperator.Simulation.ServiceDiscovery;

/// <summary>A Cloud Map operation as GetOperation reports it (<c>Type</c>, <c>Status</c>, <c>Targets</c>, error when it failed).</summary>
/// <param name="Type">REGISTER_INSTANCE or DEREGISTER_INSTANCE.</param>
/// <param name="Status">SUBMITTED, PENDING, SUCCESS or FAIL.</param>
/// <param name="Targets">SERVICE and INSTANCE ids.</param>
public sealed record DiscoveryOperation(
    string Id,
    string Type,
    string Status,
    IReadOnlyDictionary<string, string> Targets,
    DateTimeOffset CreateDate,
    DateTimeOffset UpdateDate,
    string? ErrorCode = null,
    string? ErrorMessage = null)
{
    public const string RegisterInstance = "REGISTER_INSTANCE";
    public const string DeregisterInstance = "DEREGISTER_INSTANCE";
    public const string Submitted = "SUBMITTED";
    public const string Pending = "PENDING";
    public const string Success = "SUCCESS";
    public const string Fail = "FAIL";

    public bool IsDone => Status is Success or Fail;
}
