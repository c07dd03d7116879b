using System.CommandLine;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Cli;

internal sealed record DeleteSettings(string Cluster, StoreTarget Target, bool Wait, TimeSpan Timeout, OutputFormat Format);

/// <summary>
/// <c>delete &lt;name&gt;</c>: asks the operator to tear the cluster down by writing <c>metadata.deletionRequested: true</c>
/// (and a new generation) into the stored spec, with optimistic concurrency. The spec object itself stays: the
/// operator never treats a missing spec as a deletion, and the object records what was torn down.
/// </summary>
internal sealed class DeleteCommand(CliEnvironment environment)
{
    private readonly SpecVerbRunner _runner = new(environment);

    private CliConsole Console => environment.Console;

    public Command Create()
    {
        var name = new Argument<string>("name") { Description = "The cluster (metadata.name) to delete." };
        var wait = new Option<bool>("--wait") { Description = "Follow the status until the operator reports the cluster deleted." };
        var timeout = WaitTimeout.CreateOption();
        var stores = new StoreOptions();
        var command = new Command("delete", "Request the teardown of a cluster (sets metadata.deletionRequested in its stored spec).") { name, wait, timeout };
        stores.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            new DeleteSettings(
                parseResult.GetValue(name)!,
                stores.TargetOf(parseResult, environment.CurrentDirectory),
                parseResult.GetValue(wait),
                parseResult.GetValue(timeout),
                parseResult.GetValue(stores.Output)),
            cancellationToken));
        return command;
    }

    public Task<int> ExecuteAsync(DeleteSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync(settings.Target, stores => DeleteAsync(stores, settings, cancellationToken));

    private async Task<int> DeleteAsync(SpecStores stores, DeleteSettings settings, CancellationToken cancellationToken)
    {
        var key = SpecKeys.KeyFor(settings.Cluster);
        var stored = await StoredSpecs.TryGetAsync(stores.Specs, key, cancellationToken);
        if (stored is null)
        {
            Console.Error.WriteLine($"No spec for cluster {settings.Cluster} ({key}) in {settings.Target.Describe()}.");
            return ExitCodes.NotFound;
        }

        if (stored.Document is not { } spec)
        {
            // The operator acts on no field of an invalid spec, deletionRequested included.
            Console.Error.WriteLine($"The stored spec {key} is not valid, so the operator would not act on a deletion request in it; fix it with apply first:");
            stored.Parsed.Errors.ToList().ForEach(error => Console.Error.WriteLine($"  {error}"));
            return ExitCodes.InvalidSpec;
        }

        var generation = spec.Metadata.Generation;
        string action;
        if (spec.Metadata.DeletionRequested)
        {
            action = "unchanged";
        }
        else
        {
            generation++;
            try
            {
                var requested = spec with { Metadata = spec.Metadata with { Generation = generation, DeletionRequested = true } };
                await StoredSpecs.PutAsync(stores.Specs, key, SpecText.Render(requested), WriteCondition.Replacing(stored.ETag), cancellationToken);
            }
            catch (SpecConflictException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return ExitCodes.Conflict;
            }

            action = "deletionRequested";
        }

        if (settings.Format == OutputFormat.Text)
        {
            Console.Out.WriteLine(action == "unchanged"
                ? $"cluster/{settings.Cluster} deletion already requested (generation {generation}); nothing written"
                : $"cluster/{settings.Cluster} deletion requested (generation {generation}); the operator removes its services, the spec object {key} stays");
        }

        IReadOnlyList<WaitOutcome>? waited = null;
        if (settings.Wait)
        {
            var progress = settings.Format == OutputFormat.Json ? Console.Error : Console.Out;
            var waiter = new StatusWaiter(stores.Status, _runner.Time, _runner.RefreshInterval(settings.Target), progress);
            waited = await waiter.WaitAsync([new WaitTarget(settings.Cluster, generation, WaitGoal.Deleted)], settings.Timeout, cancellationToken);
            if (settings.Format == OutputFormat.Text)
            {
                WaitTimeout.WriteSummary(Console.Out, waited);
            }
        }

        if (settings.Format == OutputFormat.Json)
        {
            Output.WriteJson(Console.Out, new DeleteReport(settings.Cluster, key, action, generation, waited?[0]));
        }

        return waited is null || waited[0].Result == WaitResult.Done ? ExitCodes.Success : ExitCodes.Failure;
    }

    private sealed record DeleteReport(string Cluster, string Key, string Action, long Generation, WaitOutcome? Wait);
}
