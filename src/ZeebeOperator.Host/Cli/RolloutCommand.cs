using System.CommandLine;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// <c>rollout restart &lt;name&gt;</c>, like <c>kubectl rollout restart</c>: writes the time as <c>spec.restartedAt</c>
/// (and a new generation) into the stored spec, with optimistic concurrency. The operator renders it into every
/// broker's task definition, so each broker gets a new revision and restarts through the rolling gate and the
/// maintenance window, one at a time: how a rotated secret reaches the brokers.
/// </summary>
internal sealed class RolloutCommand(CliEnvironment environment)
{
    private readonly StoredSpecRequest _request = new(environment);

    private CliConsole Console => environment.Console;

    public Command Create() => new("rollout", "Manage the rollout of a cluster's brokers.")
    {
        _request.CreateCommand(
            "restart",
            "Restart every broker, one at a time (writes spec.restartedAt into the stored spec).",
            "The cluster (metadata.name) whose brokers to restart.",
            "Follow the status until every broker has restarted and the cluster is Ready.",
            RestartAsync),
    };

    public Task<int> RestartAsync(SpecRequestSettings settings, CancellationToken cancellationToken) =>
        _request.RunAsync(settings, stores => RestartAsync(stores, settings, cancellationToken));

    private async Task<int> RestartAsync(SpecStores stores, SpecRequestSettings settings, CancellationToken cancellationToken)
    {
        var restartedAt = _request.RequestTimestamp();
        var (edit, exitCode) = await _request.WriteAsync(
            stores,
            settings,
            "a restart request",
            spec => spec.Metadata.DeletionRequested || spec.Spec.RestartedAt == restartedAt
                ? null
                : spec with { Spec = spec.Spec with { RestartedAt = restartedAt } },
            cancellationToken);
        if (edit is null)
        {
            return exitCode;
        }

        if (_request.RefuseIfDeleting(edit, settings, "restart") is { } refused)
        {
            return refused;
        }

        var action = edit.Written ? "restartRequested" : "unchanged";
        return await _request.FinishAsync(
            stores,
            settings,
            edit,
            WaitGoal.Ready,
            edit.Written
                ? $"cluster/{settings.Cluster} restart requested at {restartedAt} (generation {edit.Generation}); the operator restarts one broker at a time, highest node ID first"
                : $"cluster/{settings.Cluster} restart already requested at {restartedAt} (generation {edit.Generation}); nothing written",
            waited => new RestartReport(settings.Cluster, edit.Key, action, edit.Generation, restartedAt, waited),
            cancellationToken);
    }

    private sealed record RestartReport(string Cluster, string Key, string Action, long Generation, string RestartedAt, WaitOutcome? Wait);
}
