namespace ZeebeOperator.Simulation.Ecs;

/// <summary>Where ECS registers a running task of a service with a service registry (Cloud Map in AWS).</summary>
internal interface ITaskRegistrar
{
    bool RegistryExists(string registryArn);

    void Register(string registryArn, string instanceId, string ipv4);

    void Deregister(string registryArn, string instanceId);
}
