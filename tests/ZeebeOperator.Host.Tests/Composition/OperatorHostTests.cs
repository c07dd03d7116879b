using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Host.Configuration;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Host.Tests.Composition;

public sealed class OperatorHostTests
{
    [Fact]
    public void Appsettings_defaults_apply_against_AWS()
    {
        using var host = Build(local: false);

        var options = host.Services.GetRequiredService<IOptions<OperatorOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(15), options.SpecPollInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ResyncInterval);
        Assert.Equal(16, options.MaxConcurrentReconciles);
        Assert.Equal(TimeSpan.FromSeconds(20), host.Services.GetRequiredService<IOptions<OperatorHostOptions>>().Value.ShutdownGrace);
    }

    [Fact]
    public void Local_mode_uses_short_intervals()
    {
        using var host = Build(local: true);

        var options = host.Services.GetRequiredService<IOptions<OperatorOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(1), options.SpecPollInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ProgressRequeueInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), host.Services.GetRequiredService<IOptions<LocalOptions>>().Value.TaskStartDelay);
    }

    [Fact]
    public void Explicit_configuration_beats_the_local_defaults()
    {
        using var host = Build(
            local: true,
            overrides: new() { ["Operator:SpecPollInterval"] = "00:00:07", ["Local:TaskStartDelay"] = "00:00:00.5" });

        Assert.Equal(TimeSpan.FromSeconds(7), host.Services.GetRequiredService<IOptions<OperatorOptions>>().Value.SpecPollInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), host.Services.GetRequiredService<IOptions<LocalOptions>>().Value.TaskStartDelay);
    }

    [Fact]
    public void The_host_waits_longer_than_the_reconcile_grace_on_shutdown()
    {
        using var host = Build(local: false, overrides: new() { ["Operator:ShutdownGrace"] = "00:01:00" });

        Assert.Equal(
            TimeSpan.FromMinutes(1) + OperatorServices.ShutdownMargin,
            host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public async Task Two_hosts_run_side_by_side()
    {
        var first = new TestBackend("orders.json");
        var second = new TestBackend("payments.json");
        using var one = Build(local: false, backend: first);
        using var two = Build(local: false, backend: second);

        await one.StartAsync();
        await two.StartAsync();
        await WaitUntilAsync(() => first.Statuses.ContainsKey("orders") && second.Statuses.ContainsKey("payments"));
        await one.StopAsync();
        await two.StopAsync();

        first.Reconciler.Verify(r => r.ReconcileAsync("payments", It.IsAny<CancellationToken>()), Times.Never);
        second.Reconciler.Verify(r => r.ReconcileAsync("orders", It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void The_container_resolves_every_hosted_service()
    {
        using var host = Build(local: false);

        var hosted = host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        Assert.Contains("SpecWatcher", hosted);
        Assert.Contains("ReconcileWorker", hosted);
        Assert.Contains("QuartzHostedService", hosted);
    }

    // The health port stays closed: hosts of parallel tests would compete for it.
    private static IHost Build(bool local, TestBackend? backend = null, Dictionary<string, string?>? overrides = null) =>
        OperatorHost.Build(
            new HostRequest(local, SpecsDirectory: null, WithController: true),
            new Dictionary<string, string?>(overrides ?? []) { ["Health:Enabled"] = "false" },
            (backend ?? new TestBackend()).Use);

    // Waits on state the hosts change by themselves (their first spec poll); bounded, no fixed sleeps.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
