using System.Diagnostics.CodeAnalysis;

namespace ZeebeOperator.Core.Ports.Interception;

/// <summary>One call of a port method on its way through the interceptors: what it is, and its arguments.</summary>
public sealed class PortCall
{
    private readonly object?[] _arguments;

    internal PortCall(PortOperation operation, object implementation, object?[] arguments)
    {
        Operation = operation;
        Implementation = implementation;
        _arguments = arguments;
    }

    public PortOperation Operation { get; }

    public IReadOnlyList<object?> Arguments => _arguments;

    /// <summary>Whether this call changes anything (a dry run of a mutating operation does not).</summary>
    public bool Mutates => Operation.MutatesWith(_arguments);

    /// <summary>What the call acts on, for messages (computed when asked).</summary>
    public string Target => Operation.TargetOf(_arguments);

    internal object Implementation { get; }

    /// <summary>The first argument of type <typeparamref name="T"/>, e.g. the audit record an audit write carries.</summary>
    public bool TryGetArgument<T>([MaybeNullWhen(false)] out T value)
    {
        foreach (var argument in _arguments)
        {
            if (argument is T match)
            {
                value = match;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Makes the call on the implementation behind the interceptor.</summary>
    internal Task Invoke() => Operation.Invoke(Implementation, _arguments);
}
