using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Simulation.Ecs;

/// <summary>Where an EC2 task runs: its container instance, its containers' port bindings, and where it listens.</summary>
internal sealed record EcsPlacement(ContainerInstanceState Instance, IReadOnlyList<TaskContainer> Containers, IReadOnlyList<(string Address, int Port)> Endpoints)
{
    /// <summary>
    /// The ports Docker publishes a bridge container port on when the task definition's host port is 0 or left out:
    /// the range the ECS agent uses when it cannot read the instance's <c>ip_local_port_range</c>.
    /// </summary>
    public const int FirstDynamicPort = 49153;

    public const int LastDynamicPort = 65535;

    /// <summary>
    /// Places a task as ECS's spread strategy does (the ACTIVE instance running the fewest tasks first) on an instance
    /// where every host port it needs is free: a static host port (bridge with a host port, or host mode, where the
    /// container port is the host port) is held by one task per instance at a time. Null when no instance fits.
    /// </summary>
    public static EcsPlacement? Place(EcsClusterState cluster, TaskDefinition definition)
    {
        var occupying = cluster.Services.SelectMany(s => s.Tasks).Where(t => t.IsOccupying && t.ContainerInstanceArn is not null).ToList();
        foreach (var instance in cluster.ContainerInstances
                     .Where(i => i.Status == ContainerInstanceState.Active)
                     .OrderBy(i => occupying.Count(t => t.ContainerInstanceArn == i.Arn))
                     .ThenBy(i => i.Order))
        {
            var used = occupying.Where(t => t.ContainerInstanceArn == instance.Arn).SelectMany(t => t.HostPorts).ToHashSet();
            if (Bind(definition.Definition, used) is { } containers)
            {
                var endpoints = containers.SelectMany(c => c.NetworkBindings).Select(b => (instance.PrivateIp, b.HostPort)).ToList();
                return new EcsPlacement(instance, containers, endpoints);
            }
        }

        return null;
    }

    private static List<TaskContainer>? Bind(TaskDefinitionRequest definition, HashSet<int> used)
    {
        var containers = new List<TaskContainer>();
        foreach (var container in definition.ContainerDefinitions)
        {
            var bindings = new List<NetworkBinding>();
            foreach (var mapping in container.PortMappings)
            {
                int hostPort;
                switch (definition.NetworkMode)
                {
                    case "bridge" when mapping.HostPort is null or 0:
                        hostPort = Enumerable.Range(FirstDynamicPort, LastDynamicPort - FirstDynamicPort + 1).FirstOrDefault(p => !used.Contains(p));
                        if (hostPort == 0)
                        {
                            return null;
                        }

                        break;
                    case "bridge":
                        hostPort = mapping.HostPort.Value;
                        break;
                    case "host":
                        hostPort = mapping.ContainerPort;
                        break;
                    default:
                        continue;
                }

                if (!used.Add(hostPort))
                {
                    return null;
                }

                bindings.Add(new NetworkBinding(mapping.ContainerPort, hostPort, mapping.Protocol, "0.0.0.0"));
            }

            containers.Add(new TaskContainer(container.Name, bindings));
        }

        return containers;
    }
}
