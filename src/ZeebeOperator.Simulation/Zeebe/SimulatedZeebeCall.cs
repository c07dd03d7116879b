using System.Globalization;
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
/// <param name="Partitions">The partition layout a partitions PATCH asked for.</param>
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
    PartitionScaling? Partitions = null,
    long? BackupId = null)
{
    /// <summary>A PATCH that asks for a change (not a dry run).</summary>
    public bool RequestsChange => !DryRun && Operation is SimulatedZeebeOperation.AddBrokers or SimulatedZeebeOperation.RemoveBrokers or SimulatedZeebeOperation.ScalePartitions;

    /// <summary>What the PATCH asked for, in words; two PATCHes asking for the same change read the same.</summary>
    public string Request => Operation switch
    {
        SimulatedZeebeOperation.AddBrokers => $"add brokers [{Ids}]",
        SimulatedZeebeOperation.RemoveBrokers => $"remove brokers [{Ids}]",
        SimulatedZeebeOperation.ScalePartitions when BrokerIds.Count > 0 => $"add brokers [{Ids}] and {Partitions}",
        SimulatedZeebeOperation.ScalePartitions => $"{Partitions}",
        _ => Operation.ToString(),
    };

    private string Ids => string.Join(", ", BrokerIds.Order().Select(id => id.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>
/// A PATCH the simulated Zeebe accepted (its change started), even one answered after the caller gave up, and how
/// that change ended (null while it runs).
/// </summary>
public sealed record SimulatedAcceptedChange(SimulatedZeebeCall Call, ChangeStatus? Outcome = null, DateTimeOffset? EndedAt = null)
{
    public long ChangeId => Call.ChangeId ?? 0;

    /// <summary>Whether the change had failed or been cancelled by <paramref name="at"/> (then asking for it again is a retry).</summary>
    public bool EndedUnsuccessfullyBy(DateTimeOffset at) => Outcome is ChangeStatus.Failed or ChangeStatus.Cancelled && EndedAt <= at;
}
