using System.Globalization;

namespace ZeebeOperator.Simulation.Zeebe;

internal enum SimulatedOperationKind
{
    BrokerAdd,
    PartitionJoin,
    PartitionBootstrap,
    PartitionReconfigurePriority,
    PartitionLeave,
    BrokerRemove,
}

/// <summary>One step of a topology change, run by <see cref="BrokerId"/> (which must be running for it to progress).</summary>
internal sealed record SimulatedOperation(SimulatedOperationKind Kind, int BrokerId, int PartitionId = 0, int Priority = 0)
{
    /// <summary>The same wording the HTTP adapter uses for Zeebe's operations.</summary>
    public string Describe() => Kind switch
    {
        SimulatedOperationKind.BrokerAdd => string.Create(CultureInfo.InvariantCulture, $"add broker {BrokerId}"),
        SimulatedOperationKind.BrokerRemove => string.Create(CultureInfo.InvariantCulture, $"remove broker {BrokerId}"),
        SimulatedOperationKind.PartitionJoin => string.Create(CultureInfo.InvariantCulture, $"broker {BrokerId} join partition {PartitionId}"),
        SimulatedOperationKind.PartitionBootstrap => string.Create(CultureInfo.InvariantCulture, $"broker {BrokerId} bootstrap partition {PartitionId}"),
        SimulatedOperationKind.PartitionLeave => string.Create(CultureInfo.InvariantCulture, $"broker {BrokerId} leave partition {PartitionId}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"broker {BrokerId} reconfigure priority of partition {PartitionId}"),
    };
}
