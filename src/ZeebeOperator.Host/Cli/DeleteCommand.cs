using System.CommandLine;

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
        var request = new StoredSpecRequest(_runner);
        var (edit, exitCode) = await request.WriteAsync(
            stores,
            settings.Target,
            settings.Cluster,
            "a deletion request",
            spec => spec.Metadata.DeletionRequested ? null : spec with { Metadata = spec.Metadata with { DeletionRequested = true } },
            cancellationToken);
        if (edit is null)
        {
            return exitCode;
        }

        var action = edit.Written ? "deletionRequested" : "unchanged";
        if (settings.Format == OutputFormat.Text)
        {
            Console.Out.WriteLine(edit.Written
                ? $"cluster/{settings.Cluster} deletion requested (generation {edit.Generation}); the operator removes its services, the spec object {edit.Key} stays"
                : $"cluster/{settings.Cluster} deletion already requested (generation {edit.Generation}); nothing written");
        }

        var waited = settings.Wait
            ? await request.WaitAsync(stores, settings.Target, new WaitTarget(settings.Cluster, edit.Generation, WaitGoal.Deleted), settings.Timeout, settings.Format, cancellationToken)
            : null;
        if (settings.Format == OutputFormat.Json)
        {
            Output.WriteJson(Console.Out, new DeleteReport(settings.Cluster, edit.Key, action, edit.Generation, waited));
        }

        return waited is null || waited.Result == WaitResult.Done ? ExitCodes.Success : ExitCodes.Failure;
    }

    private sealed record DeleteReport(string Cluster, string Key, string Action, long Generation, WaitOutcome? Wait);
}
