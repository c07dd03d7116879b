namespace ZeebeOperator.Core.Ports;

/// <summary>The current leader's fencing token, recorded on every audit entry.</summary>
public interface IFencingTokenSource
{
    long CurrentToken { get; }
}

/// <summary>For a single operator instance without leader election.</summary>
public sealed class NoFencing : IFencingTokenSource
{
    public long CurrentToken => 0;
}
