using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Ports.Interception;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation.Chaos;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Ports;

/// <summary>
/// A port method is described once, on the interface, and that is all it takes: metering counts it under its
/// operation and the chaos soak disturbs it, with no code written for it anywhere else.
/// </summary>
public sealed class PortDescriptionTests
{
    public static TheoryData<Type, string> InterceptedMethods
    {
        get
        {
            var data = new TheoryData<Type, string>();
            foreach (var port in PortCatalog.Intercepted)
            {
                foreach (var method in port.GetMethods())
                {
                    data.Add(port, method.Name);
                }
            }

            return data;
        }
    }

    [Fact]
    public void Every_method_of_every_port_interface_carries_a_description()
    {
        var ports = typeof(IEcsApi).Assembly.GetTypes()
            .Where(t => t is { IsInterface: true, Namespace: "ZeebeOperator.Core.Ports" } && t.GetMethods().Any(m => typeof(Task).IsAssignableFrom(m.ReturnType)))
            .OrderBy(t => t.Name, StringComparer.Ordinal);

        Assert.Equal(ports, PortCatalog.All.OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.All(ports.SelectMany(p => p.GetMethods()), method => Assert.NotNull(PortOperation.Of(method)));
    }

    [Fact]
    public void A_port_method_without_a_description_is_refused_when_its_port_is_wrapped()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PortInterception.Intercept(Mock.Of<IUndescribedPort>(), Mock.Of<IPortInterceptor>()));

        Assert.Equal("IUndescribedPort.PingAsync has no [AwsOperation] or [ZeebeOperation] description.", error.Message);
    }

    [Fact]
    public void The_IAM_action_is_service_and_operation_unless_described_otherwise()
    {
        Assert.Equal("ecs:CreateService", Describe<IEcsApi>(nameof(IEcsApi.CreateServiceAsync)).IamAction);
        Assert.Equal("s3:ListBucket", Describe<ISpecStore>(nameof(ISpecStore.ListAsync)).IamAction);
        Assert.Null(Describe<IZeebeClusterApi>(nameof(IZeebeClusterApi.AddBrokersAsync)).IamAction);
    }

    [Fact]
    public void The_target_of_a_call_comes_from_the_parameter_marked_as_target()
    {
        Assert.Equal("orders-broker-1", Describe<IEcsApi>(nameof(IEcsApi.UpdateServiceAsync)).TargetOf([new Resources.UpdateServiceRequest("zeebe", "orders-broker-1"), default(CancellationToken)]));
        Assert.Equal("3,4", Describe<IZeebeClusterApi>(nameof(IZeebeClusterApi.AddBrokersAsync)).TargetOf([new Uri("http://orders-broker-0:9600"), new[] { 3, 4 }, default(CancellationToken)]));
        Assert.Equal("orders-broker-0", Describe<IZeebeClusterApi>(nameof(IZeebeClusterApi.GetTopologyAsync)).TargetOf([new Uri("http://orders-broker-0:9600"), default(CancellationToken)]));
    }

    [Theory]
    [MemberData(nameof(InterceptedMethods))]
    public async Task Every_port_call_is_metered_under_its_description(Type port, string method)
    {
        var operation = PortOperation.Of(port.GetMethod(method)!);
        var services = new ServiceCollection().AddSingleton(port, MockOf(port).Object);
        services.AddOperatorMetrics();
        using var provider = services.BuildServiceProvider();
        using var metrics = new MetricRecorder(provider);

        await CallAsync(provider.GetRequiredService(port), operation.Method);

        var counted = operation.IsZeebe
            ? metrics.Sum("zeebe_operator.zeebe.calls", ("operation", operation.Operation), ("outcome", "success"))
            : metrics.Sum("zeebe_operator.aws.calls", ("service", operation.Service), ("operation", operation.Operation), ("outcome", "success"));
        Assert.Equal(1, counted);
    }

    [Theory]
    [MemberData(nameof(InterceptedMethods))]
    public async Task Every_port_call_goes_through_chaos(Type port, string method)
    {
        var implementation = MockOf(port);
        var chaos = new ChaosInjector(new ManualTimeProvider(OperatorHarness.Start), seed: 1);
        var wrapped = typeof(ChaosInjector).GetMethod(nameof(ChaosInjector.Wrap))!.MakeGenericMethod(port).Invoke(chaos, [implementation.Object])!;
        chaos.ArmKill(1, afterReachingAws: false);

        await Assert.ThrowsAsync<OperatorKilledException>(() => CallAsync(wrapped, port.GetMethod(method)!));

        Assert.Equal(1, chaos.Calls);
        Assert.Empty(implementation.Invocations);
    }

    private static PortOperation Describe<TPort>(string method) => PortOperation.Of(typeof(TPort).GetMethod(method)!);

    private static Mock MockOf(Type port) => (Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(port))!;

    /// <summary>Calls <paramref name="method"/> with default arguments (the mock behind accepts anything).</summary>
    private static Task CallAsync(object port, MethodInfo method) =>
        (Task)method.Invoke(port, BindingFlags.DoNotWrapExceptions, null, [.. method.GetParameters().Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)], null)!;

    public interface IUndescribedPort
    {
        Task PingAsync(CancellationToken cancellationToken);
    }
}
