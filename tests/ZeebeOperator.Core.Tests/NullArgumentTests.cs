using Microsoft.Extensions.DependencyInjection;
using Moq;
using ZeebeOperator.Core.Configuration;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Ports.Interception;

namespace ZeebeOperator.Core.Tests;

/// <summary>
/// The core's public entry points refuse a missing argument at once, naming it, rather than failing later with a
/// <see cref="NullReferenceException"/> (or, for a registration, only when the service is first resolved).
/// </summary>
public sealed class NullArgumentTests
{
    private static readonly PortOperation AppendAudit = PortOperation.Of(typeof(IAuditLog).GetMethod(nameof(IAuditLog.AppendAsync))!);

    public static TheoryData<string, string, Action> Calls() => new()
    {
        { "OptionRuleAttribute.KeyOf", "context", () => OptionRuleAttribute.KeyOf(null!) },
        { "EventEnvelopes.Read", "body", () => EventEnvelopes.Read(null!) },
        { "EventRouter.ClustersOf", "reading", () => Router().ClustersOf(null!, string.Empty, []) },
        { "EventRouter.ClustersOf", "specPrefix", () => Router().ClustersOf(EventReading.AboutObjects("Object Created", []), null!, []) },
        { "EventRouter.ClustersOf", "knownClusters", () => Router().ClustersOf(EventReading.AboutObjects("Object Created", []), string.Empty, null!) },
        { "AddImplementation", "factory", () => new ServiceCollection().AddImplementation((Func<IServiceProvider, IAuditLog>)null!) },
        { "PortInterception.Intercept", "implementation", () => PortInterception.Intercept<IAuditLog>(null!, Mock.Of<IPortInterceptor>()) },
        { "PortInterception.Intercept", "interceptor", () => PortInterception.Intercept(Mock.Of<IAuditLog>(), null!) },
        { "InterceptPorts", "interceptor", () => new ServiceCollection().InterceptPorts(null!) },
        { "PortOperation.Of", "method", () => PortOperation.Of(null!) },
        { "PortOperation.AllOf", "port", () => PortOperation.AllOf(null!) },
        { "PortOperation.MutatesWith", "arguments", () => AppendAudit.MutatesWith(null!) },
        { "PortOperation.TargetOf", "arguments", () => AppendAudit.TargetOf(null!) },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void A_missing_argument_is_refused_by_name(string call, string parameter, Action act)
    {
        var error = Assert.Throws<ArgumentNullException>(act);

        Assert.True(error.ParamName == parameter, $"{call} named '{error.ParamName}', not '{parameter}'");
    }

    private static EventRouter Router() => new(new ClusterPlacements());
}
