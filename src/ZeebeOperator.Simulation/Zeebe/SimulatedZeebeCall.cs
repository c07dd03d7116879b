using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Simulation.Zeebe;

public enum SimulatedZeebeOperation
{
    GetTopology,
    AddBrokers,
    RemoveBrokers,
    ScalePartitions,
    GetChange,
    Health,
    GetGatewayTopology,
    TakeBackup,
    GetBackup,
    ListBackups,
    DeleteBackup,
}

public enum SimulatedZeebeOutcome
{
    /// <summary>200 (a healthy probe, a topology, a change).</summary>
    Ok,

    /// <summary>202: a change was accepted (or planned, on a dry run).</summary>
    Accepted,

    /// <summary>503 on a health probe.</summary>
    Unhealthy,

    /// <summary>409.</summary>
    ChangeInProgress,

    /// <summary>400.</summary>
    InvalidRequest,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>405: the endpoint does not exist on this Zeebe line.</summary>
    MethodNotAllowed,

    /// <summary>504 after Zeebe's own timeout: the coordinator did not answer (a PATCH may still be carried out).</summary>
    Timeout,

    /// <summary>The addressed broker is not running, or the address names no simulated cluster.</summary>
    Unreachable,
}

/// <summary>One call the operator made to the simulated Zeebe management API, in the order made.</summary>
/// <param name="Sequence">1, 2, 3... across all clusters of this simulation.</param>
/// <param name="ViaNodeId">The broker the call was addressed to; null when the address was not a broker's.</param>
/// <param name="BrokerIds">The brokers to add or remove; empty for other operations.</param>
/// <param name="ChangeId">The change accepted or asked about, if any.</param>
/// <param name="Duration">Simulated time the caller waited for the answer (Zeebe's timeout when the coordinator is down).</param>
/// <param name="BackupId">The backup taken, read or deleted, if any.</param>
public sealed record SimulatedZeebeCall(
    long Sequence,
    DateTimeOffset At,
    string ClusterName,
    int? ViaNodeId,
    SimulatedZeebeOperation Operation,
    IReadOnlyList<int> BrokerIds,
    bool DryRun,
    HealthProbe? Probe,
    SimulatedZeebeOutcome Outcome,
    long? ChangeId,
    TimeSpan Duration = default,
    long? BackupId = null);
