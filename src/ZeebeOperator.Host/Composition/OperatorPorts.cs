using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Host.Composition;

/// <summary>Every port the core needs, from one backend (the simulation hands them over as a set).</summary>
/// <param name="Leases">The leader lease store; null when the backend has none (leader election must then be off).</param>
internal sealed record OperatorPorts(
    IEcsApi Ecs,
    IServiceDiscoveryApi ServiceDiscovery,
    IElasticFileSystemApi Efs,
    ISpecStore Specs,
    IClusterStatusStore Status,
    IAuditLog Audit,
    IZeebeClusterApi Zeebe,
    ILeaseStore? Leases = null)
{
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton(Ecs);
        services.AddSingleton(ServiceDiscovery);
        services.AddSingleton(Efs);
        services.AddSingleton(Specs);
        services.AddSingleton(Status);
        services.AddSingleton(Audit);
        services.AddSingleton(Zeebe);
        if (Leases is not null)
        {
            services.AddSingleton(Leases);
        }
    }
}
