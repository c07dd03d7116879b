using System.Collections.Frozen;
using System.Reflection;

namespace ZeebeOperator.Core.Ports.Interception;

/// <summary>
/// The implementation of a port interface that hands each call to an <see cref="IPortInterceptor"/>. The per-method
/// work (description, compiled call, typed continuation) is done once per port type; a call costs a dictionary lookup
/// and the argument array.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives the proxy type from this class at run time.
internal class PortProxy<TPort> : DispatchProxy
#pragma warning restore CA1852
    where TPort : class
{
    // Lazy rethrows a port's missing description to every caller as it is, not as a TypeInitializationException.
    private static readonly Lazy<FrozenDictionary<MethodInfo, Func<PortProxy<TPort>, object?[], object>>> Dispatchers =
        new(() => PortOperation.AllOf(typeof(TPort)).ToFrozenDictionary(operation => operation.Method, Dispatcher));

    private FrozenDictionary<MethodInfo, Func<PortProxy<TPort>, object?[], object>> _dispatchers = null!;
    private TPort _implementation = null!;
    private IPortInterceptor _interceptor = null!;

    /// <summary>Throws <see cref="InvalidOperationException"/> when a method of the port has no description.</summary>
    public static TPort Create(TPort implementation, IPortInterceptor interceptor)
    {
        var dispatchers = Dispatchers.Value;
        var proxy = Create<TPort, PortProxy<TPort>>();
        var self = (PortProxy<TPort>)(object)proxy;
        self._dispatchers = dispatchers;
        self._implementation = implementation;
        self._interceptor = interceptor;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => _dispatchers[targetMethod!](this, args!);

    private static Func<PortProxy<TPort>, object?[], object> Dispatcher(PortOperation operation)
    {
        var returnType = operation.Method.ReturnType;
        var result = returnType == typeof(Task) ? typeof(Unit) : returnType.GetGenericArguments()[0];
        var intercept = typeof(PortProxy<TPort>).GetMethod(nameof(Intercept), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(result);
        var call = intercept.CreateDelegate<Func<PortOperation, PortProxy<TPort>, object?[], object>>();
        return (proxy, args) => call(operation, proxy, args);
    }

    private static Task<T> Intercept<T>(PortOperation operation, PortProxy<TPort> proxy, object?[] args) =>
        proxy._interceptor.InterceptAsync(new PortCall(operation, proxy._implementation, args), Proceed<T>.Call);

    private static async Task<Unit> ProceedWithoutResult(PortCall call)
    {
        await call.Invoke().ConfigureAwait(false);
        return default;
    }

    private static class Proceed<T>
    {
        public static readonly Func<PortCall, Task<T>> Call = typeof(T) == typeof(Unit)
            ? (Func<PortCall, Task<T>>)(object)new Func<PortCall, Task<Unit>>(ProceedWithoutResult)
            : call => (Task<T>)call.Invoke();
    }

    /// <summary>The result of a call that returns none (a <c>Task</c> method): a <c>Task&lt;Unit&gt;</c> is a <c>Task</c>.</summary>
    private readonly record struct Unit;
}
