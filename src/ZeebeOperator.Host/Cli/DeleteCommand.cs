using System.CommandLine;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// <c>delete &lt;name&gt;</c>: asks the operator to tear the cluster down by writing <c>metadata.deletionRequested: true</c>
/// (and a new generation) into the stored spec, with optimistic concurrency. The spec object itself stays: the
/// operator never treats a missing spec as a deletion, and the object records what was torn down.
/// </summary>
internal sealed class DeleteCommand(CliEnvironment environment)
{
    private readonly StoredSpecRequest _request = new(environment);

    public Command Create() => _request.CreateCommand(
        "delete",
        "Request the teardown of a cluster (sets metadata.deletionRequested in its stored spec).",
        "The cluster (metadata.name) to delete.",
        "Follow the status until the operator reports the cluster deleted.",
        ExecuteAsync);

    public Task<int> ExecuteAsync(SpecRequestSettings settings, CancellationToken cancellationToken) =>
        _request.RunAsync(settings, stores => DeleteAsync(stores, settings, cancellationToken));

    private async Task<int> DeleteAsync(SpecStores stores, SpecRequestSettings settings, CancellationToken cancellationToken)
    {
        var (edit, exitCode) = await _request.WriteAsync(
            stores,
            settings,
            "a deletion request",
            spec => spec.Metadata.DeletionRequested ? null : spec with { Metadata = spec.Metadata with { DeletionRequested = true } },
            cancellationToken);
        if (edit is null)
        {
            return exitCode;
        }

        var action = edit.Written ? "deletionRequested" : "unchanged";
        return await _request.FinishAsync(
            stores,
            settings,
            edit,
            WaitGoal.Deleted,
            edit.Written
                ? $"cluster/{settings.Cluster} deletion requested (generation {edit.Generation}); the operator removes its services, the spec object {edit.Key} stays"
                : $"cluster/{settings.Cluster} deletion already requested (generation {edit.Generation}); nothing written",
            waited => new DeleteReport(settings.Cluster, edit.Key, action, edit.Generation, waited),
            cancellationToken);
    }

    private sealed record DeleteReport(string Cluster, string Key, string Action, long Generation, WaitOutcome? Wait);
}
