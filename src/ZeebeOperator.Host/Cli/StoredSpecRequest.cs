using System.CommandLine;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Cli;

/// <summary>The arguments of a request verb: the cluster, <c>--wait</c>, <c>--timeout</c>, the stores and the output format.</summary>
internal sealed record SpecRequestSettings(string Cluster, StoreTarget Target, bool Wait, TimeSpan Timeout, OutputFormat Format);

/// <summary>What a request verb did to the stored spec: its key, the generation it holds now, and whether it wrote.</summary>
internal sealed record StoredSpecEdit(string Key, long Generation, bool Written, ZeebeClusterDocument Document);

/// <summary>
/// The frame of the verbs that write a request into a stored spec (<c>delete</c>, <c>rollout restart</c>): read it,
/// refuse a missing or invalid one, write the edited document with a new generation and If-Match on the ETag read,
/// follow the status with <c>--wait</c>, and report.
/// </summary>
internal sealed class StoredSpecRequest(CliEnvironment environment)
{
    private readonly SpecVerbRunner _runner = new(environment);

    private CliConsole Console => environment.Console;

    public TimeProvider Time => _runner.Time;

    /// <summary>The verb's command line: the cluster argument, <c>--wait</c>, <c>--timeout</c> and the store options.</summary>
    public Command CreateCommand(
        string name, string description, string clusterDescription, string waitDescription, Func<SpecRequestSettings, CancellationToken, Task<int>> execute)
    {
        var cluster = new Argument<string>("name") { Description = clusterDescription };
        var wait = new Option<bool>("--wait") { Description = waitDescription };
        var timeout = WaitTimeout.CreateOption();
        var stores = new StoreOptions();
        var command = new Command(name, description) { cluster, wait, timeout };
        stores.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => execute(
            new SpecRequestSettings(
                parseResult.GetValue(cluster)!,
                stores.TargetOf(parseResult, environment.CurrentDirectory),
                parseResult.GetValue(wait),
                parseResult.GetValue(timeout),
                parseResult.GetValue(stores.Output)),
            cancellationToken));
        return command;
    }

    public Task<int> RunAsync(SpecRequestSettings settings, Func<SpecStores, Task<int>> body) => _runner.RunAsync(settings.Target, body);

    /// <summary>Now (UTC) to the second, as Kubernetes writes restartedAt: a second request within the same second is the same request.</summary>
    public string RequestTimestamp() => Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A cluster whose deletion was requested takes no other request: says so, and returns the exit code (null: go on).</summary>
    public int? RefuseIfDeleting(StoredSpecEdit edit, SpecRequestSettings settings, string nothingTo)
    {
        if (!edit.Document.Metadata.DeletionRequested)
        {
            return null;
        }

        Console.Error.WriteLine($"Cluster {settings.Cluster} is being deleted (metadata.deletionRequested in {edit.Key}); there is nothing to {nothingTo}.");
        return ExitCodes.Failure;
    }

    /// <param name="what">The request, as in "the operator would not act on {what} in it".</param>
    /// <param name="edit">The requested document (its generation is set here), or null when nothing is to be written.</param>
    /// <returns>The edit, or the exit code that ends the verb.</returns>
    public async Task<(StoredSpecEdit? Edit, int ExitCode)> WriteAsync(
        SpecStores stores,
        SpecRequestSettings settings,
        string what,
        Func<ZeebeClusterDocument, ZeebeClusterDocument?> edit,
        CancellationToken cancellationToken)
    {
        var key = SpecKeys.KeyFor(settings.Cluster);
        var stored = await StoredSpecs.TryGetAsync(stores.Specs, key, cancellationToken);
        if (stored is null)
        {
            Console.Error.WriteLine($"No spec for cluster {settings.Cluster} ({key}) in {settings.Target.Describe()}.");
            return (null, ExitCodes.NotFound);
        }

        if (stored.Document is not { } spec)
        {
            // The operator acts on no field of an invalid spec, the request included.
            Console.Error.WriteLine($"The stored spec {key} is not valid, so the operator would not act on {what} in it; fix it with apply first:");
            stored.Parsed.Errors.ToList().ForEach(error => Console.Error.WriteLine($"  {error}"));
            return (null, ExitCodes.InvalidSpec);
        }

        if (edit(spec) is not { } requested)
        {
            return (new StoredSpecEdit(key, spec.Metadata.Generation, Written: false, spec), ExitCodes.Success);
        }

        var generation = spec.Metadata.Generation + 1;
        requested = requested with { Metadata = requested.Metadata with { Generation = generation } };
        try
        {
            await StoredSpecs.PutAsync(stores.Specs, key, SpecText.Render(requested), WriteCondition.Replacing(stored.ETag), cancellationToken);
        }
        catch (SpecConflictException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return (null, ExitCodes.Conflict);
        }

        return (new StoredSpecEdit(key, generation, Written: true, requested), ExitCodes.Success);
    }

    /// <summary>
    /// Prints <paramref name="text"/> (text output), waits with <c>--wait</c> (progress on standard output, or standard
    /// error with <c>-o json</c>), prints the JSON report, and returns the exit code.
    /// </summary>
    public async Task<int> FinishAsync(
        SpecStores stores,
        SpecRequestSettings settings,
        StoredSpecEdit edit,
        WaitGoal goal,
        string text,
        Func<WaitOutcome?, object> report,
        CancellationToken cancellationToken)
    {
        if (settings.Format == OutputFormat.Text)
        {
            Console.Out.WriteLine(text);
        }

        WaitOutcome? waited = null;
        if (settings.Wait)
        {
            var progress = settings.Format == OutputFormat.Json ? Console.Error : Console.Out;
            var waiter = new StatusWaiter(stores.Status, _runner.Time, _runner.RefreshInterval(settings.Target), progress);
            var outcomes = await waiter.WaitAsync([new WaitTarget(settings.Cluster, edit.Generation, goal)], settings.Timeout, cancellationToken);
            if (settings.Format == OutputFormat.Text)
            {
                WaitTimeout.WriteSummary(Console.Out, outcomes);
            }

            waited = outcomes[0];
        }

        if (settings.Format == OutputFormat.Json)
        {
            Output.WriteJson(Console.Out, report(waited));
        }

        return waited is null || waited.Result == WaitResult.Done ? ExitCodes.Success : ExitCodes.Failure;
    }
}
