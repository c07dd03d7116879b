using System.Collections.Concurrent;
using ZeebeOperator.Core.Ports.Interception;

namespace ZeebeOperator.Core.Tests.Support;

/// <summary>
/// A port interceptor a test scripts by action name (<c>zeebe:TakeBackup</c>, <c>ecs:CreateService</c>): the script
/// runs around the real call and may refuse it, answer it late (make it, then throw) or hold it.
/// </summary>
internal sealed class ScriptedPorts : IPortInterceptor
{
    private readonly ConcurrentDictionary<string, Func<PortCall, Func<Task>, Task>> _scripts = new(StringComparer.Ordinal);

    /// <summary>Every call of <paramref name="action"/> from now on runs through <paramref name="around"/>.</summary>
    public void Around(string action, Func<PortCall, Func<Task>, Task> around) => _scripts[action] = around;

    /// <summary>Every call of <paramref name="action"/> is refused with <paramref name="error"/> without being made.</summary>
    public void Refuse(string action, Exception error) => Around(action, (_, _) => Task.FromException(error));

    /// <summary>Every call of <paramref name="action"/> is made, then answered with <paramref name="error"/>.</summary>
    public void AnswerWith(string action, Exception error) => Around(action, async (_, proceed) =>
    {
        await proceed();
        throw error;
    });

    public void Clear(string action) => _scripts.TryRemove(action, out _);

    public async Task<T> InterceptAsync<T>(PortCall call, Func<PortCall, Task<T>> proceed)
    {
        if (!_scripts.TryGetValue(call.Operation.Action, out var around))
        {
            return await proceed(call);
        }

        var result = default(T)!;
        await around(call, async () => result = await proceed(call));
        return result;
    }
}
