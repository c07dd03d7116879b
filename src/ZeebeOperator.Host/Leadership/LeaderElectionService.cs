using Microsoft.Extensions.Hosting;
using ZeebeOperator.Core.Leadership;

namespace ZeebeOperator.Host.Leadership;

/// <summary>
/// Runs the elector for the host's lifetime. Registered before the reconcile worker, so on shutdown the worker
/// stops (and drains) first and only then is the lease released for the next instance.
/// </summary>
internal sealed class LeaderElectionService(LeaderElector elector) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => elector.RunAsync(stoppingToken);
}
