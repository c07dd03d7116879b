using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Core.Observation;

/// <summary>What an inspection of a cluster found: what the spec wants, what exists, and the plan between them.</summary>
public sealed record Inspection(DesiredCluster Desired, ObservedCluster Observed, ExecutionPlan Plan, PlanningContext Context);

/// <summary>Observes AWS and Zeebe, renders the desired state against what runs, and plans. Read calls only.</summary>
public sealed class ClusterInspector(DesiredStateRenderer renderer, ClusterObserver observer, TimeProvider time, IOptions<OperatorOptions> options)
{
    public async Task<Inspection> InspectAsync(ZeebeClusterDocument document, ClusterStatus? previous, CancellationToken cancellationToken)
    {
        var observed = await observer.ObserveAsync(document, cancellationToken);

        // A running cluster keeps the settings it formed with; a new one takes the spec's.
        var bootstrap = observed.Nodes
            .Select(n => n.CurrentTaskDefinition?.Definition.ContainerDefinitions.FirstOrDefault(c => c.Name == ResourceNames.ContainerName))
            .OfType<ContainerDefinition>()
            .Select(c => BootstrapConfig.FromEnvironment(c.Environment))
            .FirstOrDefault(b => b is not null);
        var desired = renderer.Render(document, bootstrap);

        // Readiness decides the gateway's instances on every pass, not only during a rolling update.
        var zeebe = await observer.ObserveZeebeAsync(document, observed, includeReadiness: true, cancellationToken, previous?.Backups?.InProgress?.Id);
        observed = observed with { Zeebe = zeebe };

        var now = time.GetUtcNow();
        var context = new PlanningContext(
            now,
            MaintenanceWindow.Evaluate(document.Spec.UpdateStrategy.MaintenanceWindow, now),
            previous,
            options.Value.TopologyChangeTimeout);
        return new Inspection(desired, observed, Planner.Plan(desired, observed, context), context);
    }
}
