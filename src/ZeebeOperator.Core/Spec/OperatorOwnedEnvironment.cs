using System.Collections.Frozen;

namespace ZeebeOperator.Core.Spec;

/// <summary>The broker settings the operator renders itself, in both naming styles; a spec may not set them.</summary>
public static class OperatorOwnedEnvironment
{
    public static IReadOnlySet<string> Names { get; } = new[]
    {
        "CAMUNDA_CLUSTER_NODEID",
        "CAMUNDA_CLUSTER_SIZE",
        "CAMUNDA_CLUSTER_PARTITIONCOUNT",
        "CAMUNDA_CLUSTER_REPLICATIONFACTOR",
        "CAMUNDA_CLUSTER_INITIALCONTACTPOINTS",
        "CAMUNDA_CLUSTER_NETWORK_ADVERTISEDHOST",
        "ZEEBE_BROKER_CLUSTER_NODEID",
        "ZEEBE_BROKER_CLUSTER_CLUSTERSIZE",
        "ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT",
        "ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR",
        "ZEEBE_BROKER_CLUSTER_INITIALCONTACTPOINTS",
        "ZEEBE_BROKER_NETWORK_ADVERTISEDHOST",
        "ZEEBE_BROKER_DATA_DIRECTORY",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsOwned(string name) => Names.Contains(name);
}
