using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace ZeebeOperator.Core.Ports;

/// <summary>One port method as its <see cref="PortOperationAttribute"/> describes it.</summary>
public sealed class PortOperation
{
    private readonly int _targetIndex;
    private readonly int _dryRunIndex;
    private readonly PropertyInfo? _targetProperty;

    private PortOperation(MethodInfo method, PortOperationAttribute description)
    {
        Method = method;
        Service = description.Service;
        Operation = description.Operation;
        Mutates = description.Mutates;
        IsZeebe = description is ZeebeOperationAttribute;
        Action = $"{Service}:{Operation}";
        IamAction = description is AwsOperationAttribute aws ? aws.IamAction ?? Action : null;
        var parameters = method.GetParameters();
        Invoke = CompileInvoke(method, parameters);
        _targetIndex = Array.FindIndex(parameters, p => p.IsDefined(typeof(TargetAttribute)));
        _dryRunIndex = Array.FindIndex(parameters, p => p.IsDefined(typeof(DryRunAttribute)) && p.ParameterType == typeof(bool));
        if (_targetIndex >= 0 && parameters[_targetIndex].GetCustomAttribute<TargetAttribute>()!.Property is { } property)
        {
            _targetProperty = parameters[_targetIndex].ParameterType.GetProperty(property)
                ?? throw new InvalidOperationException($"{Describe(method)}: [Target] names {property}, which {parameters[_targetIndex].ParameterType.Name} does not have.");
        }
    }

    public MethodInfo Method { get; }

    public string Service { get; }

    public string Operation { get; }

    public bool Mutates { get; }

    /// <summary>A call to Zeebe's management API rather than to AWS.</summary>
    public bool IsZeebe { get; }

    /// <summary><c>service:Operation</c>, as the audit trail names actions.</summary>
    public string Action { get; }

    /// <summary>The IAM action that authorises the call; null for Zeebe.</summary>
    public string? IamAction { get; }

    /// <summary>The description of <paramref name="method"/>; throws when it has none, so an undescribed port method fails at once.</summary>
    public static PortOperation Of(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var description = method.GetCustomAttribute<PortOperationAttribute>()
            ?? throw new InvalidOperationException($"{Describe(method)} has no [AwsOperation] or [ZeebeOperation] description.");
        if (method.ReturnType != typeof(Task) && !(method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)))
        {
            throw new InvalidOperationException($"{Describe(method)} must return Task or Task<T>: port calls are asynchronous.");
        }

        return new PortOperation(method, description);
    }

    /// <summary>Every method of the port interface <paramref name="port"/>, described.</summary>
    public static IReadOnlyList<PortOperation> AllOf(Type port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return [.. port.GetMethods().Select(Of)];
    }

    /// <summary>Whether a call with <paramref name="arguments"/> changes anything: a mutating operation's dry run does not.</summary>
    public bool MutatesWith(IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return Mutates && !(_dryRunIndex >= 0 && arguments[_dryRunIndex] is true);
    }

    /// <summary>What a call with <paramref name="arguments"/> acts on, for messages; empty when the method marks no <see cref="TargetAttribute"/>.</summary>
    public string TargetOf(IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (_targetIndex < 0)
        {
            return string.Empty;
        }

        var value = arguments[_targetIndex];
        if (_targetProperty is not null && value is not null)
        {
            value = _targetProperty.GetValue(value);
        }

        return value switch
        {
            null => string.Empty,
            string text => text,
            Uri uri => uri.Host,
            IEnumerable items => string.Join(",", items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture))),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }

    public override string ToString() => Action;

    /// <summary>Calls the method on an implementation with the arguments as an array: compiled once, a plain call after.</summary>
    internal Func<object, object?[], Task> Invoke { get; }

    private static Func<object, object?[], Task> CompileInvoke(MethodInfo method, ParameterInfo[] parameters)
    {
        var implementation = Expression.Parameter(typeof(object), "implementation");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var call = Expression.Call(
            Expression.Convert(implementation, method.DeclaringType!),
            method,
            parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType)));
        return Expression.Lambda<Func<object, object?[], Task>>(call, implementation, arguments).Compile();
    }

    private static string Describe(MethodInfo method) => $"{method.DeclaringType?.Name}.{method.Name}";
}
