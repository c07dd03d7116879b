namespace ZeebeOperator.Core.Ports.Interception;

/// <summary>
/// Runs around every call of a port (<see cref="PortInterception"/>): metering counts calls, the chaos soak injects
/// faults. It sees each call with its <see cref="PortOperation"/> description and arguments, and must call
/// <paramref name="proceed"/> (at most once) to make it.
/// </summary>
public interface IPortInterceptor
{
    Task<T> InterceptAsync<T>(PortCall call, Func<PortCall, Task<T>> proceed);
}
