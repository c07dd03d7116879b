using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Configuration;

/// <summary>The core as any host (or test) composes it: <c>AddZeebeOperatorCore</c> and a backend.</summary>
public sealed class CoreRegistrationTests
{
    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);

    [Fact]
    public void A_core_refuses_bad_Operator_settings_naming_every_key_without_a_host_to_validate_on_start()
    {
        using var services = Compose(new Dictionary<string, string?>
        {
            ["Operator:NodeParallelism"] = "0",
            ["Operator:BaseBackoff"] = "00:00:10",
            ["Operator:MaxBackoff"] = "00:00:01",
        }).AddSimulatedAws(new SimulatedAws(_time)).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IClusterReconciler>());

        Assert.Equal(
            [
                "Operator:NodeParallelism must be at least 1 (was 0).",
                "Operator:MaxBackoff (00:00:01) must not be less than Operator:BaseBackoff (00:00:10).",
            ],
            error.Failures);
    }

    [Fact]
    public async Task A_backend_registered_after_the_metrics_is_metered_all_the_same()
    {
        var aws = new SimulatedAws(_time);
        var services = Compose([]).AddOperatorMetrics().AddSimulatedAws(aws);
        await using var provider = services.BuildServiceProvider();
        using var metrics = new MetricRecorder(provider);

        await provider.GetRequiredService<ISpecStore>().ListAsync(CancellationToken.None);

        Assert.Equal(1, metrics.Sum("zeebe_operator.aws.calls", ("service", "s3"), ("operation", "ListObjectsV2"), ("outcome", "success")));
        Assert.Single(aws.Calls.Snapshot());
    }

    [Fact]
    public void The_core_alone_runs_on_the_system_clock_and_keeps_a_clock_registered_before_it()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var alone = new ServiceCollection().AddZeebeOperatorCore(configuration).BuildServiceProvider();
        using var composed = Compose([]).BuildServiceProvider();

        Assert.Same(TimeProvider.System, alone.GetRequiredService<TimeProvider>());
        Assert.Same(_time, composed.GetRequiredService<TimeProvider>());
    }

    private IServiceCollection Compose(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(_time)
            .AddZeebeOperatorCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
