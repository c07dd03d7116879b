using System.CommandLine;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Cli;

/// <param name="Inputs">Spec files, or folders whose top-level <c>*.json</c> files are specs.</param>
internal sealed record ApplySettings(IReadOnlyList<string> Inputs, StoreTarget Target, bool Wait, TimeSpan Timeout, OutputFormat Format);

/// <summary>What <c>apply</c> did with one spec: created, configured (changed) or unchanged.</summary>
internal sealed record ApplyResult(string Cluster, string Key, string Action, long Generation, long? PreviousGeneration, string ETag);

/// <summary>
/// <c>apply -f &lt;file|dir&gt;</c>: validates every file first (nothing is written if one is invalid), then writes each
/// spec with optimistic concurrency: create only if absent, replace only the version just read. The generation is
/// bumped when the content changed; an unchanged spec is not written. <c>--wait</c> follows the status.
/// </summary>
internal sealed class ApplyCommand(CliEnvironment environment, SpecFileReader reader)
{
    public const string Created = "created";
    public const string Configured = "configured";
    public const string Unchanged = "unchanged";

    private readonly SpecVerbRunner _runner = new(environment);

    private CliConsole Console => environment.Console;

    public Command Create()
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "A spec file, or a folder whose top-level *.json files are specs; repeatable.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var wait = new Option<bool>("--wait") { Description = "Follow the status until every applied cluster is Ready at its new generation." };
        var timeout = WaitTimeout.CreateOption();
        var stores = new StoreOptions();
        var command = new Command("apply", "Validate specs and commit them to the spec store, bumping metadata.generation when they changed.") { files, wait, timeout };
        stores.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            new ApplySettings(
                parseResult.GetValue(files) ?? [],
                stores.TargetOf(parseResult, environment.CurrentDirectory),
                parseResult.GetValue(wait),
                parseResult.GetValue(timeout),
                parseResult.GetValue(stores.Output)),
            cancellationToken));
        return command;
    }

    public async Task<int> ExecuteAsync(ApplySettings settings, CancellationToken cancellationToken)
    {
        var files = SpecFiles.Expand([.. settings.Inputs.Select(i => Path.GetFullPath(i, environment.CurrentDirectory))]);
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"No spec files found in: {string.Join(", ", settings.Inputs)}");
            return ExitCodes.Failure;
        }

        var specs = new List<SpecFileResult>(files.Count);
        foreach (var file in files)
        {
            specs.Add(await reader.ReadAsync(file, cancellationToken));
        }

        if (Problems(specs) is { Count: > 0 } problems)
        {
            Console.Error.WriteLine("Nothing was applied: every file must be valid first.");
            if (settings.Format == OutputFormat.Json)
            {
                Output.WriteJson(Console.Out, new ApplyReport(settings.Target.Local ? "local" : "aws", false, [], [.. problems.Select(p => new ProblemReport(p.File, p.Errors))], null));
            }
            else
            {
                problems.ForEach(p => SpecFileReader.WriteErrors(Console.Error, p));
            }

            return problems.Exists(p => p.Unreadable) ? ExitCodes.Failure : ExitCodes.InvalidSpec;
        }

        return await _runner.RunAsync(settings.Target, stores => ApplyAllAsync(stores, specs, settings, cancellationToken));
    }

    private async Task<int> ApplyAllAsync(SpecStores stores, IReadOnlyList<SpecFileResult> specs, ApplySettings settings, CancellationToken cancellationToken)
    {
        var target = settings.Target.Local ? "local" : "aws";
        var results = new List<ApplyResult>();
        foreach (var spec in specs)
        {
            try
            {
                var result = await ApplyAsync(stores, spec, cancellationToken);
                results.Add(result);
                if (settings.Format == OutputFormat.Text)
                {
                    Console.Out.WriteLine(Describe(result));
                }
            }
            catch (SpecConflictException ex)
            {
                Console.Error.WriteLine($"{spec.File}: {ex.Message}");
                if (settings.Format == OutputFormat.Json)
                {
                    Output.WriteJson(Console.Out, new ApplyReport(target, false, results, [new ProblemReport(spec.File, [new SpecError(SpecFileReader.RootPath, ex.Message)])], null));
                }

                return ExitCodes.Conflict;
            }
        }

        IReadOnlyList<WaitOutcome>? waited = null;
        if (settings.Wait)
        {
            var progress = settings.Format == OutputFormat.Json ? Console.Error : Console.Out;
            var waiter = new StatusWaiter(stores.Status, _runner.Time, _runner.RefreshInterval(settings.Target), progress);
            waited = await waiter.WaitAsync([.. results.Select(r => new WaitTarget(r.Cluster, r.Generation, WaitGoal.Ready))], settings.Timeout, cancellationToken);
        }

        if (settings.Format == OutputFormat.Json)
        {
            Output.WriteJson(Console.Out, new ApplyReport(target, true, results, [], waited));
        }
        else if (waited is not null)
        {
            WaitTimeout.WriteSummary(Console.Out, waited);
        }

        return waited is null || waited.All(w => w.Result == WaitResult.Done) ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<ApplyResult> ApplyAsync(SpecStores stores, SpecFileResult spec, CancellationToken cancellationToken)
    {
        var document = spec.Document!;
        var key = SpecKeys.KeyFor(document.Name);
        var stored = await StoredSpecs.TryGetAsync(stores.Specs, key, cancellationToken);
        if (stored is null)
        {
            var generation = StoredSpec.GenerationOnCreate(document, (await stores.Status.GetAsync(document.Name, cancellationToken))?.ObservedGeneration);
            var created = document with { Metadata = document.Metadata with { Generation = generation } };
            var etag = await StoredSpecs.PutAsync(stores.Specs, key, SpecText.Render(created), WriteCondition.CreateOnly, cancellationToken);
            return new ApplyResult(document.Name, key, Created, generation, null, etag);
        }

        var changed = SpecText.Diff(stored.Document, document).Count > 0;
        var observed = stored.Document is null ? (await stores.Status.GetAsync(document.Name, cancellationToken))?.ObservedGeneration : null;
        var next = stored.GenerationOnApply(document, changed, observed);
        if (!changed)
        {
            return new ApplyResult(document.Name, key, Unchanged, next, next, stored.ETag);
        }

        var written = document with { Metadata = document.Metadata with { Generation = next } };
        var newETag = await StoredSpecs.PutAsync(stores.Specs, key, SpecText.Render(written), WriteCondition.Replacing(stored.ETag), cancellationToken);
        return new ApplyResult(document.Name, key, Configured, next, stored.Document?.Metadata.Generation, newETag);
    }

    private static List<SpecFileResult> Problems(IReadOnlyList<SpecFileResult> specs)
    {
        var problems = specs.Where(s => !s.IsValid).ToList();
        foreach (var duplicate in specs.Where(s => s.IsValid).GroupBy(s => s.Document!.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.AddRange(duplicate.Select(s => s with
            {
                Errors = [new SpecError(SpecPath.Of(d => d.Metadata.Name), $"cluster {duplicate.Key} is defined by more than one file: {string.Join(", ", duplicate.Select(d => d.File))}")],
            }));
        }

        return problems;
    }

    private static string Describe(ApplyResult result) => result.Action switch
    {
        Created => $"cluster/{result.Cluster} created (generation {result.Generation})",
        Configured when result.PreviousGeneration is null => $"cluster/{result.Cluster} configured, replacing a stored spec that was not valid (generation {result.Generation})",
        Configured => $"cluster/{result.Cluster} configured (generation {result.PreviousGeneration} -> {result.Generation})",
        _ => $"cluster/{result.Cluster} unchanged (generation {result.Generation})",
    };

    private sealed record ProblemReport(string File, IReadOnlyList<SpecError> Errors);

    private sealed record ApplyReport(string Target, bool Applied, IReadOnlyList<ApplyResult> Results, IReadOnlyList<ProblemReport> Problems, IReadOnlyList<WaitOutcome>? Wait);
}

/// <summary>The <c>--timeout</c> of <c>--wait</c>, and the closing summary.</summary>
internal static class WaitTimeout
{
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(10);

    public static Option<TimeSpan> CreateOption() => new("--timeout")
    {
        Description = "With --wait: how long to wait, e.g. 90s, 10m, 00:10:00.",
        DefaultValueFactory = _ => Default,
        CustomParser = Durations.Parse,
    };

    public static void WriteSummary(TextWriter writer, IReadOnlyList<WaitOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            var verdict = outcome.Result switch
            {
                WaitResult.Done => "done",
                WaitResult.Degraded => "Degraded",
                _ => "timed out",
            };
            writer.WriteLine($"cluster/{outcome.Cluster} {verdict} at generation {outcome.Generation}: {outcome.Message}");
        }
    }
}
