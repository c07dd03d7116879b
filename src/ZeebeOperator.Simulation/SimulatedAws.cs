using ZeebeOperator.Simulation.Ec2;
using ZeebeOperator.Simulation.Ecs;
using ZeebeOperator.Simulation.Efs;
using ZeebeOperator.Simulation.Infrastructure;
using ZeebeOperator.Simulation.Notifications;
using ZeebeOperator.Simulation.ServiceDiscovery;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Simulation;

/// <summary>
/// The embedded in-memory AWS: ECS (with EC2 container instances), Cloud Map, EFS, the spec bucket, the status and audit tables and the leader lease, sharing one
/// clock, one fault injector and one call log. ECS registers running tasks of services with a registry in Cloud Map.
/// </summary>
public sealed class SimulatedAws
{
    public SimulatedAws(TimeProvider timeProvider, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Context = new SimulationContext(timeProvider, options ?? new SimulationOptions());
        ServiceDiscovery = new SimulatedServiceDiscovery(Context);
        Ecs = new SimulatedEcs(Context, ServiceDiscovery);
        Efs = new SimulatedEfs(Context);
        Ec2 = new SimulatedEc2(Context);
        Specs = new InMemorySpecStore(Context);
        Leases = new InMemoryLeaseStore();
        Status = new InMemoryClusterStatusStore(Context, Leases);
        Audit = new InMemoryAuditLog(Context);
        Zeebe = new EcsBackedZeebeCluster(timeProvider, Ecs, Context.Options.Zeebe);
        Outbox = new InMemoryNotificationOutbox(Context);
        Subscribers = new SimulatedSubscribers(timeProvider, Ecs.IsListening);
        NotificationQueues = new SimulatedNotificationQueues(Context);
    }

    /// <summary>The SQS queues notifications may also be sent to (<c>Notify:QueueUrl</c>); none until created.</summary>
    public SimulatedNotificationQueues NotificationQueues { get; }

    /// <summary>The notifications outbox, in the same simulated table as the status.</summary>
    public InMemoryNotificationOutbox Outbox { get; }

    /// <summary>The subscriber tasks' side of the network: what each took, and how each answers.</summary>
    public SimulatedSubscribers Subscribers { get; }

    public SimulationContext Context { get; }

    public SimulationOptions Options => Context.Options;

    public TimeProvider Time => Context.Time;

    public SimulatedEcs Ecs { get; }

    public SimulatedServiceDiscovery ServiceDiscovery { get; }

    public SimulatedEfs Efs { get; }

    /// <summary>The EC2 instances that ECS container instances run on.</summary>
    public SimulatedEc2 Ec2 { get; }

    public InMemorySpecStore Specs { get; }

    /// <summary>The leader lease, in the same simulated table as the status: fenced status writes check it.</summary>
    public InMemoryLeaseStore Leases { get; }

    public InMemoryClusterStatusStore Status { get; }

    public InMemoryAuditLog Audit { get; }

    /// <summary>The Zeebe cluster API of the brokers that run on the simulated ECS.</summary>
    public EcsBackedZeebeCluster Zeebe { get; }

    /// <summary>The events queue ECS and the spec bucket publish to; collects nothing until enabled.</summary>
    public Events.SimulatedEventQueue Events => Context.Events;

    public FaultInjector Faults => Context.Faults;

    public ApiCallLog Calls => Context.Calls;

    /// <summary>Creates an ECS cluster (no-op when it exists) and returns its ARN.</summary>
    public string AddEcsCluster(string name) => Ecs.AddCluster(name);

    /// <summary>Creates a Cloud Map private DNS namespace, or names one created on demand.</summary>
    public void AddNamespace(string id, string name) => ServiceDiscovery.AddNamespace(id, name);

    /// <summary>Launches an EC2 instance and registers it in the ECS cluster as a container instance (created when missing).</summary>
    public (string ContainerInstanceArn, Core.Resources.Ec2Instance Instance) AddContainerInstance(string ecsCluster)
    {
        var instance = Ec2.LaunchInstance();
        return (Ecs.RegisterContainerInstance(ecsCluster, instance), instance);
    }

    public void AddFileSystem(string fileSystemId) => Efs.AddFileSystem(fileSystemId);

    /// <summary>Applies every time-driven transition due now (calls do this themselves; tests call it after moving the clock).</summary>
    public void Advance() => Context.Advance();
}
