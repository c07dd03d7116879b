namespace ZeebeOperator.Core.Ports;

/// <summary>The port interfaces whose calls leave the process (to AWS or to Zeebe), every method described.</summary>
public static class PortCatalog
{
    /// <summary>
    /// The ports the reconciler and the CLI call: metering counts their calls and the chaos soak disturbs them. The
    /// lease store is not among them: leader election reports itself (its log lines and the leader gauge); nor are the
    /// events queue and the notifications queue, which are optional and report themselves (<c>zeebe_operator.events</c>,
    /// the notifications' audit records and <c>zeebe_operator.notifications</c>).
    /// </summary>
    public static IReadOnlyList<Type> Intercepted { get; } =
    [
        typeof(IEcsApi),
        typeof(IServiceDiscoveryApi),
        typeof(IElasticFileSystemApi),
        typeof(IEc2Api),
        typeof(IZeebeClusterApi),
        typeof(ISpecStore),
        typeof(IClusterStatusStore),
        typeof(IAuditLog),
        typeof(INotificationOutbox),
    ];

    public static IReadOnlyList<Type> All { get; } = [.. Intercepted, typeof(ILeaseStore), typeof(IEventQueue), typeof(INotificationQueue)];

    /// <summary>Every operation of every port.</summary>
    public static IEnumerable<PortOperation> Operations => All.SelectMany(PortOperation.AllOf);
}
