using System.CommandLine;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Cli;

/// <summary>Computes a plan for a parsed spec against a backend (the simulated account when <c>local</c>).</summary>
/// <param name="awsConfiguration">Without <paramref name="local"/>: the <c>Aws:*</c> keys given on the command line.</param>
internal delegate Task<PlanPreview> PlanSource(
    ZeebeClusterDocument document, bool local, IReadOnlyDictionary<string, string?> awsConfiguration, CancellationToken cancellationToken);

/// <summary>
/// <c>plan &lt;spec-file&gt; [--local]</c>: what a reconcile would do now, read-only. With <c>--local</c> the plan is
/// against an empty simulated account (so: everything to create); without it, against real AWS.
/// </summary>
internal sealed class PlanCommand(CliConsole console, SpecFileReader reader, PlanSource planSource)
{
    public Command Create()
    {
        var file = new Argument<string>("spec-file") { Description = "The ZeebeCluster spec to plan." };
        var local = new Option<bool>("--local") { Description = "Plan against an empty simulated AWS account instead of real AWS." };
        var output = Output.CreateOption();
        var aws = new AwsTargetOptions();
        var command = new Command("plan", "Show the steps a reconcile of the spec would take now, and what blocks it.") { file, local, output };
        aws.AddTo(command, local);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            parseResult.GetValue(file)!, parseResult.GetValue(local), parseResult.GetValue(output), cancellationToken, aws.ToConfiguration(parseResult)));
        return command;
    }

    public async Task<int> ExecuteAsync(
        string file, bool local, OutputFormat format, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? awsConfiguration = null)
    {
        var spec = await reader.ReadAsync(file, cancellationToken);
        if (!spec.IsValid)
        {
            if (format == OutputFormat.Json)
            {
                Output.WriteJson(console.Out, new InvalidSpecReport(spec.File, false, spec.Errors));
            }
            else
            {
                SpecFileReader.WriteErrors(console.Out, spec);
            }

            return spec.Unreadable ? ExitCodes.Failure : ExitCodes.InvalidSpec;
        }

        PlanPreview plan;
        try
        {
            plan = await planSource(spec.Document!, local, awsConfiguration ?? new Dictionary<string, string?>(), cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            CliErrors.WriteConfigurationErrors(console.Error, ex);
            return ExitCodes.InvalidConfiguration;
        }

        var target = local ? "an empty simulated AWS account" : "AWS";
        if (format == OutputFormat.Json)
        {
            Output.WriteJson(console.Out, new PlanReport(plan.ClusterName, spec.Document!.Metadata.Generation, local ? "local" : "aws", plan.Steps, plan.Blockers, plan.Backups ?? []));
        }
        else
        {
            WriteText(console.Out, plan, spec.Document!.Metadata.Generation, target);
        }

        return plan.Blockers.Count > 0 ? ExitCodes.PlanBlocked : ExitCodes.Success;
    }

    internal static void WriteText(TextWriter writer, PlanPreview plan, long generation, string target)
    {
        if (plan.IsEmpty)
        {
            writer.WriteLine($"No changes: cluster {plan.ClusterName} (generation {generation}) matches its spec in {target}.");
            WriteBackups(writer, plan);
            return;
        }

        writer.WriteLine($"Plan for cluster {plan.ClusterName} (generation {generation}) against {target}: {plan.Steps.Count} step(s).");
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            writer.WriteLine($"  {i + 1,3}. {plan.Steps[i]}");
        }

        if (plan.Blockers.Count > 0)
        {
            writer.WriteLine($"Blocked ({plan.Blockers.Count}): the operator will not act until these are resolved:");
            foreach (var blocker in plan.Blockers)
            {
                writer.WriteLine($"  - {blocker}");
            }
        }

        WriteBackups(writer, plan);
    }

    private static void WriteBackups(TextWriter writer, PlanPreview plan)
    {
        foreach (var note in plan.Backups ?? [])
        {
            writer.WriteLine($"Backups: {note}");
        }
    }

    private sealed record InvalidSpecReport(string File, bool Valid, IReadOnlyList<SpecError> Errors);

    private sealed record PlanReport(string Cluster, long Generation, string Target, IReadOnlyList<PlanStep> Steps, IReadOnlyList<string> Blockers, IReadOnlyList<string> Backups);
}
