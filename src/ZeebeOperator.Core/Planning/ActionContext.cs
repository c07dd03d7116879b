using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Planning;

/// <summary>What an action needs to run: the ports, the caches, and the one audited path for every mutation.</summary>
public interface IActionContext
{
    DesiredCluster Desired { get; }

    IEcsApi Ecs { get; }

    IServiceDiscoveryApi ServiceDiscovery { get; }

    IElasticFileSystemApi Efs { get; }

    TaskDefinitionCache TaskDefinitions { get; }

    /// <summary>The newest task definition revisions a node keeps for rollback.</summary>
    int TaskDefinitionRevisionsToKeep { get; }

    CancellationToken CancellationToken { get; }

    /// <summary>A read: retried when throttled, not audited.</summary>
    Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read);

    /// <summary>
    /// A mutation of <paramref name="action"/>'s catalogue operation: intent audited before the call, outcome after.
    /// </summary>
    Task<T> AuditedAsync<T>(PlannedAction action, Func<IAuditedCall, Task<T>> call);
}

/// <summary>One audited intent's call.</summary>
public interface IAuditedCall
{
    /// <summary>The intent's idempotency token: every retry of this call repeats it, the next intent gets another.</summary>
    string IdempotencyToken { get; }

    /// <summary>Runs the call, retried when throttled; each retry passes the intent's fence again.</summary>
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call);

    Task RunAsync(Func<CancellationToken, Task> call);
}
