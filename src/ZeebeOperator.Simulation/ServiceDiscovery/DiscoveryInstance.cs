namespace ZeebeOperator.Simulation.ServiceDiscovery;

/// <summary>A registered Cloud Map instance (ECS registers one per running task: id = task id, AWS_INSTANCE_IPV4 = its IP).</summary>
public sealed record DiscoveryInstance(string InstanceId, string ServiceId, IReadOnlyDictionary<string, string> Attributes)
{
    public const string Ipv4Attribute = "AWS_INSTANCE_IPV4";

    public string? Ipv4 => Attributes.GetValueOrDefault(Ipv4Attribute);
}
