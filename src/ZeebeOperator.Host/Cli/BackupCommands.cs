using System.CommandLine;
using System.Globalization;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// <c>backup &lt;name&gt;</c>: asks for a backup now by writing the time as <c>spec.backup.requestedAt</c> (and a new
/// generation) into the stored spec, as <c>rollout restart</c> does; the operator, the leader, takes it. The CLI never
/// calls a broker. <c>backups &lt;name&gt;</c>: the backups the cluster's status records.
/// </summary>
internal sealed class BackupCommands(CliEnvironment environment)
{
    private readonly StoredSpecRequest _request = new(environment);
    private readonly SpecVerbRunner _runner = new(environment);

    private CliConsole Console => environment.Console;

    public Command CreateBackup() => _request.CreateCommand(
        "backup",
        "Take a Zeebe backup now (writes spec.backup.requestedAt into the stored spec; the operator takes it).",
        "The cluster (metadata.name) to back up; its spec must have spec.backup.",
        "Follow the status until the operator has acted on the request and the cluster is Ready.",
        RequestAsync);

    public Command CreateList()
    {
        var name = new Argument<string>("name") { Description = "The cluster (metadata.name)." };
        var stores = new StoreOptions();
        var command = new Command("backups", "List the cluster's backups from its status: id, time, state, trigger.") { name };
        stores.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ListAsync(
            parseResult.GetValue(name)!, stores.TargetOf(parseResult, environment.CurrentDirectory), parseResult.GetValue(stores.Output), cancellationToken));
        return command;
    }

    public Task<int> RequestAsync(SpecRequestSettings settings, CancellationToken cancellationToken) =>
        _request.RunAsync(settings, async stores =>
        {
            var requestedAt = _request.RequestTimestamp();
            var (edit, exitCode) = await _request.WriteAsync(
                stores,
                settings,
                "a backup request",
                spec => spec.Metadata.DeletionRequested || spec.Spec.Backup is not { } backup || backup.RequestedAt == requestedAt
                    ? null
                    : spec with { Spec = spec.Spec with { Backup = backup with { RequestedAt = requestedAt } } },
                cancellationToken);
            if (edit is null)
            {
                return exitCode;
            }

            if (_request.RefuseIfDeleting(edit, settings, "back up") is { } refused)
            {
                return refused;
            }

            if (edit.Document.Spec.Backup is null)
            {
                Console.Error.WriteLine($"Cluster {settings.Cluster} has no spec.backup in {edit.Key}: set spec.backup.store (the S3 bucket the brokers write to) with apply first.");
                return ExitCodes.Failure;
            }

            return await _request.FinishAsync(
                stores,
                settings,
                edit,
                WaitGoal.Ready,
                edit.Written
                    ? $"cluster/{settings.Cluster} backup requested at {requestedAt} (generation {edit.Generation}); the operator takes it once no topology change runs ('zeebe-operator backups {settings.Cluster}' lists it)"
                    : $"cluster/{settings.Cluster} backup already requested at {requestedAt} (generation {edit.Generation}); nothing written",
                waited => new BackupRequestReport(settings.Cluster, edit.Key, edit.Written ? "backupRequested" : "unchanged", edit.Generation, requestedAt, waited),
                cancellationToken);
        });

    public Task<int> ListAsync(string cluster, StoreTarget target, OutputFormat format, CancellationToken cancellationToken) =>
        _runner.RunAsync(target, async stores =>
        {
            var snapshot = await ClusterSnapshot.GetAsync(stores, cluster, cancellationToken);
            if (!snapshot.Exists)
            {
                Console.Error.WriteLine($"Cluster {cluster} not found in {target.Describe()}: no spec and no status.");
                return ExitCodes.NotFound;
            }

            var backups = snapshot.Status?.Backups ?? BackupsStatus.Empty;
            if (format == OutputFormat.Json)
            {
                Output.WriteJson(Console.Out, new BackupListReport(cluster, snapshot.Document?.Spec.Backup?.Schedule, backups.Recent, backups.LastError));
                return ExitCodes.Success;
            }

            if (backups.Recent.Count == 0)
            {
                Console.Out.WriteLine($"No backups of cluster {cluster} recorded yet.");
            }
            else
            {
                var table = new TextTable("ID", "TIME", "STATE", "TRIGGER", "FINISHED", "SIZE");
                foreach (var backup in backups.Recent)
                {
                    table.AddRow(
                        backup.Id.ToString(CultureInfo.InvariantCulture),
                        backup.TakenAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        backup.FailureReason is { } reason ? $"{backup.State} ({reason})" : backup.State,
                        backup.Trigger.ToString(),
                        backup.FinishedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-",
                        // Zeebe's backup API does not report sizes.
                        "unknown");
                }

                table.Write(Console.Out);
            }

            if (backups.LastError is { } error)
            {
                Console.Out.WriteLine($"Last backup request failed: {error}");
            }

            return ExitCodes.Success;
        });

    private sealed record BackupRequestReport(string Cluster, string Key, string Action, long Generation, string RequestedAt, WaitOutcome? Wait);

    /// <summary>The JSON of <c>backups -o json</c>; a size is not listed, as Zeebe does not report one.</summary>
    private sealed record BackupListReport(string Cluster, string? Schedule, IReadOnlyList<BackupRecord> Backups, string? LastError);
}
