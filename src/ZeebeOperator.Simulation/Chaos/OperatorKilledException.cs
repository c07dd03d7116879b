namespace ZeebeOperator.Simulation.Chaos;

/// <summary>Thrown from every call once the chaos injector has "killed" the operator: the process is gone mid-reconcile.</summary>
public sealed class OperatorKilledException : OperationCanceledException
{
    public OperatorKilledException()
        : base("The operator was killed by the chaos injector.")
    {
    }

    public OperatorKilledException(string message)
        : base(message)
    {
    }

    public OperatorKilledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
