using ZeebeOperator.Core.Ports.Interception;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Support;

/// <summary>
/// The operator on a simulated account with the "orders" namespace and simulated Zeebe brokers that start in 10 s,
/// reconciled in 2-second steps with a check after every step.
/// </summary>
internal sealed class ScenarioHarness : IDisposable
{
    public const string EcsCluster = "camunda";

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    /// <param name="ports">Scripts the operator's calls (the simulation's own state is reached directly, unscripted).</param>
    public ScenarioHarness(ScriptedPorts? ports = null)
    {
        Aws = new SimulatedAws(Time, new SimulationOptions
        {
            Zeebe = new SimulatedZeebeOptions { StartupDuration = TimeSpan.FromSeconds(10), ChangeDuration = TimeSpan.FromSeconds(5) },
        });
        Aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        Operator = new OperatorHarness(Aws, Time, Aws.Zeebe, configure: ports is null ? null : services => services.InterceptPorts(_ => ports));
    }

    public ManualTimeProvider Time { get; } = new(OperatorHarness.Start);

    public SimulatedAws Aws { get; }

    public OperatorHarness Operator { get; }

    /// <summary>Commits <paramref name="document"/> and reconciles until it has converged.</summary>
    public async Task ConvergedAsync(ZeebeClusterDocument document)
    {
        Operator.Commit(document);
        Xunit.Assert.Equal(ReconcileOutcome.Converged, (await ConvergeCheckingAsync(() => { })).Outcome);
    }

    /// <summary>Moves the clock, and the simulation with it, to <paramref name="at"/>.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        Time.Advance(at - Time.GetUtcNow());
        Aws.Advance();
    }

    /// <summary>Reconciles in small time steps, checking <paramref name="invariant"/> after every reconcile and every step.</summary>
    public async Task<ReconcileResult> ConvergeCheckingAsync(Action invariant, int maxSteps = 400)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            var result = await Operator.ReconcileAsync();
            invariant();
            if (result.Outcome is ReconcileOutcome.Converged or ReconcileOutcome.Blocked)
            {
                return result;
            }

            Time.Advance(Step);
            Aws.Advance();
            invariant();
        }

        throw new Xunit.Sdk.XunitException($"not converged in {maxSteps} steps: {Operator.Results[^1]}");
    }

    public void Dispose() => Operator.Dispose();
}
