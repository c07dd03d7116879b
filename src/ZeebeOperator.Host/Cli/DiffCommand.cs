using System.CommandLine;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// <c>diff -f &lt;file&gt;</c>: what <c>apply</c> would change, field by field, against the stored spec, and the plan a
/// reconcile of the file would carry out against what runs now. Writes nothing.
/// </summary>
internal sealed class DiffCommand(CliEnvironment environment, SpecFileReader reader, PlanSource planSource)
{
    /// <summary>Said with every local plan: the simulated account a <c>run --local</c> drives lives in that process.</summary>
    public const string LocalPlanCaveat =
        "Note: with --local the plan is computed against an empty simulated AWS account. The account a `run --local` "
        + "process drives lives in that process's memory, so this is what a fresh local run would do, not what that process will do next.";

    private readonly SpecVerbRunner _runner = new(environment);

    private CliConsole Console => environment.Console;

    public Command Create()
    {
        var file = new Option<string>("--filename", "-f") { Description = "The spec file to compare.", Required = true };
        var stores = new StoreOptions();
        var command = new Command("diff", "Show what apply would change in the stored spec, and the plan against what runs now.") { file };
        stores.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            parseResult.GetValue(file)!, stores.TargetOf(parseResult, environment.CurrentDirectory), parseResult.GetValue(stores.Output), cancellationToken));
        return command;
    }

    public async Task<int> ExecuteAsync(string file, StoreTarget target, OutputFormat format, CancellationToken cancellationToken)
    {
        var spec = await reader.ReadAsync(Path.GetFullPath(file, environment.CurrentDirectory), cancellationToken);
        if (!spec.IsValid)
        {
            SpecFileReader.WriteErrors(Console.Error, spec);
            return spec.Unreadable ? ExitCodes.Failure : ExitCodes.InvalidSpec;
        }

        return await _runner.RunAsync(target, async stores =>
        {
            var document = spec.Document!;
            var key = SpecKeys.KeyFor(document.Name);
            var stored = await StoredSpecs.TryGetAsync(stores.Specs, key, cancellationToken);
            var status = await stores.Status.GetAsync(document.Name, cancellationToken);
            var changes = stored?.Document is null ? [] : SpecText.Diff(stored.Document, document);
            var storedGeneration = stored?.Document?.Metadata.Generation;
            var generationOnApply = stored is null
                ? StoredSpec.GenerationOnCreate(document, status?.ObservedGeneration)
                : stored.GenerationOnApply(document, changed: stored.Document is null || changes.Count > 0, status?.ObservedGeneration);
            var plan = await planSource(document with { Metadata = document.Metadata with { Generation = generationOnApply } }, target.Local, target.AwsConfiguration ?? new Dictionary<string, string?>(), cancellationToken);

            if (format == OutputFormat.Json)
            {
                Output.WriteJson(Console.Out, new DiffReport(
                    document.Name, key, stored is not null, storedGeneration, generationOnApply, status?.ObservedGeneration, changes, stored?.Parsed.Errors ?? [],
                    new PlanReport(target.Local ? "local-empty-account" : "aws", plan.Steps, plan.Blockers, plan.Backups ?? [])));
            }
            else
            {
                WriteText(key, stored, generationOnApply, status?.ObservedGeneration, changes, plan, target.Local);
            }

            return plan.Blockers.Count > 0 ? ExitCodes.PlanBlocked : ExitCodes.Success;
        });
    }

    private void WriteText(string key, StoredSpec? stored, long generationOnApply, long? observed, IReadOnlyList<FieldChange> changes, PlanPreview plan, bool local)
    {
        var output = Console.Out;
        if (stored is null)
        {
            output.WriteLine($"Spec {key}: not in the store; apply would create it at generation {generationOnApply}.");
        }
        else if (stored.Document is not { } current)
        {
            output.WriteLine($"Spec {key}: the stored spec is not valid ({stored.Parsed.Errors.Count} problem(s)); apply would replace it with generation {generationOnApply}.");
            stored.Parsed.Errors.ToList().ForEach(error => output.WriteLine($"  {error}"));
        }
        else if (changes.Count == 0)
        {
            output.WriteLine($"Spec {key}: no changes (stored generation {current.Metadata.Generation}); apply would write nothing.");
        }
        else
        {
            output.WriteLine($"Spec {key}: {changes.Count} field(s) differ; apply would write generation {generationOnApply} (stored: {current.Metadata.Generation}).");
        }

        foreach (var change in changes)
        {
            output.WriteLine($"  {change}");
        }

        output.WriteLine(observed is { } generation
            ? $"The operator last acted on generation {generation}."
            : "The operator has not reported a status for this cluster.");
        output.WriteLine();
        if (local)
        {
            output.WriteLine(LocalPlanCaveat);
        }

        PlanCommand.WriteText(output, plan, generationOnApply, local ? "an empty simulated AWS account" : "AWS as it is now");
    }

    private sealed record PlanReport(string Target, IReadOnlyList<PlanStep> Steps, IReadOnlyList<string> Blockers, IReadOnlyList<string> Backups);

    private sealed record DiffReport(
        string Cluster,
        string Key,
        bool Exists,
        long? StoredGeneration,
        long GenerationOnApply,
        long? ObservedGeneration,
        IReadOnlyList<FieldChange> Changes,
        IReadOnlyList<SpecError> StoredErrors,
        PlanReport Plan);
}
