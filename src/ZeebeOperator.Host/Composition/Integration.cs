namespace ZeebeOperator.Host.Composition;

/// <summary>
/// The only file that names concrete types from the core, AWS and simulation assemblies. Until those branches are
/// merged, each entry says which piece is missing; <c>run</c> and <c>plan</c> report it and exit with
/// <see cref="Cli.ExitCodes.BackendUnavailable"/>.
/// </summary>
internal static class Integration
{
    public static OperatorWiring Wiring { get; } = new(
        AddCore: static (_, _) => throw Missing("the reconciler and planner (ZeebeOperator.Core: AddZeebeOperatorCore)"),
        AddAws: static (_, _) => throw Missing("the AWS adapters (ZeebeOperator.Aws: AddAwsAdapters)"),
        CreateLocalPorts: static _ => throw Missing("the simulation (ZeebeOperator.Simulation: SimulatedAws)"));

    private static BackendUnavailableException Missing(string piece) =>
        new($"This build of the operator does not contain {piece}.");
}
