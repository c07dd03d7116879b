using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Simulation.ServiceDiscovery;

/// <summary>A Cloud Map namespace; its name is unknown (null) when it was created on demand from its id alone.</summary>
internal sealed class DiscoveryNamespaceState(string id, string? name)
{
    public string Id { get; } = id;

    public string? Name { get; set; } = name;
}

/// <summary>A Cloud Map service and its instances; guarded by the discovery simulation's lock.</summary>
internal sealed class DiscoveryServiceState(DiscoveryService service)
{
    public DiscoveryService Service { get; } = service;

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Instances in registration order.</summary>
    public List<DiscoveryInstance> Instances { get; } = [];
}
