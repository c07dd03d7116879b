using System.CommandLine;
using System.Globalization;

namespace ZeebeOperator.Host.Cli;

internal sealed record RolloutRestartSettings(string Cluster, StoreTarget Target, bool Wait, TimeSpan Timeout, OutputFormat Format);

/// <summary>
/// <c>rollout restart &lt;name&gt;</c>, like <c>kubectl rollout restart</c>: writes the time as <c>spec.restartedAt</c>
/// (and a new generation) into the stored spec, with optimistic concurrency. The operator renders it into every
/// broker's task definition, so each broker gets a new revision and restarts through the rolling gate and the
/// maintenance window, one at a time: how a rotated secret reaches the brokers.
/// </summary>
internal sealed class RolloutCommand(CliEnvironment environment)
{
    private readonly SpecVerbRunner _runner = new(environment);

    private CliConsole Console => environment.Console;

    public Command Create()
    {
        var name = new Argument<string>("name") { Description = "The cluster (metadata.name) whose brokers to restart." };
        var wait = new Option<bool>("--wait") { Description = "Follow the status until every broker has restarted and the cluster is Ready." };
        var timeout = WaitTimeout.CreateOption();
        var stores = new StoreOptions();
        var restart = new Command("restart", "Restart every broker, one at a time (writes spec.restartedAt into the stored spec).") { name, wait, timeout };
        stores.AddTo(restart);
        restart.SetAction((parseResult, cancellationToken) => RestartAsync(
            new RolloutRestartSettings(
                parseResult.GetValue(name)!,
                stores.TargetOf(parseResult, environment.CurrentDirectory),
                parseResult.GetValue(wait),
                parseResult.GetValue(timeout),
                parseResult.GetValue(stores.Output)),
            cancellationToken));
        return new Command("rollout", "Manage the rollout of a cluster's brokers.") { restart };
    }

    public Task<int> RestartAsync(RolloutRestartSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync(settings.Target, stores => RestartAsync(stores, settings, cancellationToken));

    private async Task<int> RestartAsync(SpecStores stores, RolloutRestartSettings settings, CancellationToken cancellationToken)
    {
        // Seconds, as Kubernetes writes restartedAt; a second request within the same second is the same request.
        var restartedAt = _runner.Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var request = new StoredSpecRequest(_runner);
        var (edit, exitCode) = await request.WriteAsync(
            stores,
            settings.Target,
            settings.Cluster,
            "a restart request",
            spec => spec.Metadata.DeletionRequested || spec.Spec.RestartedAt == restartedAt
                ? null
                : spec with { Spec = spec.Spec with { RestartedAt = restartedAt } },
            cancellationToken);
        if (edit is null)
        {
            return exitCode;
        }

        if (edit.Document.Metadata.DeletionRequested)
        {
            Console.Error.WriteLine($"Cluster {settings.Cluster} is being deleted (metadata.deletionRequested in {edit.Key}); there is nothing to restart.");
            return ExitCodes.Failure;
        }

        var action = edit.Written ? "restartRequested" : "unchanged";
        if (settings.Format == OutputFormat.Text)
        {
            Console.Out.WriteLine(edit.Written
                ? $"cluster/{settings.Cluster} restart requested at {restartedAt} (generation {edit.Generation}); the operator restarts one broker at a time, highest node ID first"
                : $"cluster/{settings.Cluster} restart already requested at {restartedAt} (generation {edit.Generation}); nothing written");
        }

        var waited = settings.Wait
            ? await request.WaitAsync(stores, settings.Target, new WaitTarget(settings.Cluster, edit.Generation, WaitGoal.Ready), settings.Timeout, settings.Format, cancellationToken)
            : null;
        if (settings.Format == OutputFormat.Json)
        {
            Output.WriteJson(Console.Out, new RestartReport(settings.Cluster, edit.Key, action, edit.Generation, restartedAt, waited));
        }

        return waited is null || waited.Result == WaitResult.Done ? ExitCodes.Success : ExitCodes.Failure;
    }

    private sealed record RestartReport(string Cluster, string Key, string Action, long Generation, string RestartedAt, WaitOutcome? Wait);
}
