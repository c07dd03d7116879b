namespace ZeebeOperator.Core.Ports;

/// <summary>Whether this operator instance is the one that reconciles now.</summary>
public interface ILeadership
{
    bool IsLeader { get; }
}

/// <summary>For a single operator instance without leader election: always the leader.</summary>
public sealed class SingleInstanceLeadership : ILeadership
{
    public bool IsLeader => true;
}
