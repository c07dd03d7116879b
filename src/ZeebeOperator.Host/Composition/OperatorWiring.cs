using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ZeebeOperator.Host.Composition;

/// <summary>Registers services of another assembly (the core's reconciler and planner, the AWS adapters).</summary>
internal delegate void ServiceRegistration(IServiceCollection services, IConfiguration configuration);

/// <summary>Builds the simulated AWS account for a local run and hands out its ports.</summary>
internal delegate OperatorPorts LocalPortsFactory(LocalSimulationSettings settings);

/// <param name="SpecsDirectory">Folder whose specs the simulated spec store starts with; null for an empty store.</param>
/// <param name="TaskStartDelay">How long a simulated task takes to start.</param>
/// <param name="StateDirectory">Where status and audit records are kept as files for other processes; null keeps them in memory.</param>
/// <param name="FreshState">Forget the records of an earlier run (the process that runs the simulated account owns them).</param>
internal sealed record LocalSimulationSettings(string? SpecsDirectory, TimeSpan TaskStartDelay, string? StateDirectory = null, bool FreshState = false);

/// <summary>
/// The pieces of the operator that live in other assemblies, passed in so the host composes against interfaces only.
/// <see cref="Integration.Wiring"/> is the one place that names the concrete registrations.
/// </summary>
/// <param name="AddCore">Registers <c>IClusterReconciler</c> and <c>IClusterPlanner</c> (and what they need besides the ports).</param>
/// <param name="AddAws">Registers every port against real AWS.</param>
/// <param name="CreateLocalPorts">Creates the in-memory AWS account for <c>--local</c>.</param>
internal sealed record OperatorWiring(ServiceRegistration AddCore, ServiceRegistration AddAws, LocalPortsFactory CreateLocalPorts)
{
    /// <summary>Checks the AWS backend registered by <see cref="AddAws"/> before <c>run</c> starts; null: no check.</summary>
    public BackendPreflight? CheckAws { get; init; }

    /// <summary>Explains a failed call of the AWS stores as <see cref="CheckAws"/> would (the spec verbs); null: no explanation.</summary>
    public BackendFailureExplainer? ExplainAws { get; init; }
}

/// <summary>A backend (core, AWS adapters, simulation) that this build of the operator does not contain.</summary>
internal sealed class BackendUnavailableException(string message) : Exception(message);
