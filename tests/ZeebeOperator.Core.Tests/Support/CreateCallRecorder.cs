using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace ZeebeOperator.Core.Tests.Support;

/// <summary>Passes every call of a port through to its target and records the requests of its Create… calls.</summary>
public class CreateCallRecorder : DispatchProxy
{
    private object _target = null!;
    private ConcurrentQueue<object> _requests = null!;

    /// <summary>The port <paramref name="target"/>, recording into <paramref name="requests"/> (in call order).</summary>
    public static T Wrap<T>(T target, ConcurrentQueue<object> requests)
        where T : class
    {
        var proxy = Create<T, CreateCallRecorder>();
        var recorder = (CreateCallRecorder)(object)proxy;
        recorder._target = target;
        recorder._requests = requests;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name.StartsWith("Create", StringComparison.Ordinal) && args is [{ } request, ..])
        {
            _requests.Enqueue(request);
        }

        try
        {
            return targetMethod.Invoke(_target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
