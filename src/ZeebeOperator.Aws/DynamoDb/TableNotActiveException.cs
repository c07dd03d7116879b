namespace ZeebeOperator.Aws.DynamoDb;

/// <summary>
/// The table did not become ACTIVE within <see cref="TableProvisioner.ActivationTimeout"/>. Its own type, not a
/// <see cref="TimeoutException"/>: the SDK throws that for a call that got no answer, which is a different problem.
/// </summary>
public sealed class TableNotActiveException(string tableName, string status, TimeSpan waited)
    : Exception($"The table '{tableName}' is still {status} after {waited}.")
{
    public string TableName { get; } = tableName;

    public string Status { get; } = status;

    public TimeSpan Waited { get; } = waited;
}
