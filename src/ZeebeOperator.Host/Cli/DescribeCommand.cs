using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// <c>describe &lt;name&gt;</c>, like <c>kubectl describe</c>: the spec's key facts, every condition with reason and
/// message, the nodes, the topology change, pending changes and the most recent audit events.
/// </summary>
internal sealed class DescribeCommand(CliEnvironment environment)
{
    public const int RecentEvents = 10;

    private readonly SpecVerbRunner _runner = new(environment);

    private CliConsole Console => environment.Console;

    public Command Create()
    {
        var name = new Argument<string>("name") { Description = "The cluster." };
        var stores = new StoreOptions();
        var command = new Command("describe", "Show a cluster in detail: conditions, nodes, topology change, pending changes, recent audit events.") { name };
        stores.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            parseResult.GetValue(name)!, stores.TargetOf(parseResult, environment.CurrentDirectory), parseResult.GetValue(stores.Output), cancellationToken));
        return command;
    }

    public Task<int> ExecuteAsync(string name, StoreTarget target, OutputFormat format, CancellationToken cancellationToken) =>
        _runner.RunAsync(target, async stores =>
        {
            var cluster = await ClusterSnapshot.GetAsync(stores, name, cancellationToken);
            var events = await stores.Audit.QueryAsync(name, RecentEvents, cancellationToken);
            if (!cluster.Exists && events.Count == 0)
            {
                Console.Error.WriteLine($"Cluster {name} not found in {target.Describe()}: no spec, no status, no audit records.");
                return ExitCodes.NotFound;
            }

            if (format == OutputFormat.Json)
            {
                Output.WriteJson(Console.Out, new DescribeReport(
                    name,
                    cluster.Spec is { } spec ? SpecReport.Of(spec, cluster.Object?.LastModified) : null,
                    cluster.Status,
                    events));
            }
            else
            {
                Write(Console.Out, cluster, events, _runner.Time.GetUtcNow());
            }

            return ExitCodes.Success;
        });

    private static void Write(TextWriter output, ClusterSnapshot cluster, IReadOnlyList<AuditRecord> events, DateTimeOffset now)
    {
        void Line(string label, string value) => output.WriteLine($"{label + ":",-20}{value}");

        Line("Name", cluster.Name);
        if (cluster.Spec is { } spec)
        {
            Line("Spec", $"{spec.Key} (ETag {spec.ETag}, written {Ages.Format(cluster.Object?.LastModified, now)} ago)");
            if (cluster.Document is { } document)
            {
                Line("Generation", $"{document.Metadata.Generation} (observed: {cluster.Status?.ObservedGeneration.ToString(CultureInfo.InvariantCulture) ?? "none yet"})");
                Line("Image", document.Spec.Image);
                Line("Size", $"{document.Spec.ClusterSize} brokers, {document.Spec.PartitionCount} partitions, replication factor {document.Spec.ReplicationFactor}");
                Line("Deletion requested", document.Metadata.DeletionRequested ? "yes" : "no");
            }
            else
            {
                Line("Spec problems", $"{spec.Parsed.Errors.Count}: the operator leaves the cluster as it is until the spec is fixed");
                foreach (var error in spec.Parsed.Errors)
                {
                    output.WriteLine($"  {error}");
                }
            }
        }
        else
        {
            Line("Spec", "none in the store (the operator keeps what runs and reports SpecMissing)");
        }

        var status = cluster.Status;
        if (status is null)
        {
            Line("Status", "none yet: the operator has not reconciled this cluster");
        }
        else
        {
            Line("Status updated", $"{Ages.Timestamp(status.UpdatedAt)} ({Ages.Format(status.UpdatedAt, now)} ago), from spec ETag {status.SpecETag ?? "-"}");
            output.WriteLine("Conditions:");
            var conditions = new TextTable("TYPE", "STATUS", "REASON", "LAST TRANSITION", "MESSAGE");
            foreach (var condition in status.Conditions)
            {
                conditions.AddRow(condition.Type, condition.Status.ToString(), condition.Reason, Ages.Timestamp(condition.LastTransitionTime), condition.Message);
            }

            conditions.Write(output, "  ");
            output.WriteLine("Nodes:");
            if (status.Nodes.Count == 0)
            {
                output.WriteLine("  <none>");
            }
            else
            {
                var nodes = new TextTable("NODE", "READY", "SERVICE", "TASK", "ACCESS POINT", "DNS NAME");
                foreach (var node in status.Nodes.OrderBy(n => n.NodeId))
                {
                    nodes.AddRow(
                        node.NodeId.ToString(CultureInfo.InvariantCulture),
                        node.Ready ? "yes" : "no",
                        $"{node.ServiceName ?? "-"} ({node.ServiceStatus ?? "absent"})",
                        node.TaskStatus ?? "-",
                        node.AccessPointId ?? "-",
                        node.DnsName);
                }

                nodes.Write(output, "  ");
            }

            Line("Topology change", status.TopologyChange is { } change
                ? string.Create(CultureInfo.InvariantCulture, $"#{change.Id} {change.Operation} (generation {change.Generation}): {change.Status}, {change.CompletedOperations} operation(s) done, {change.PendingOperations} left{(change.RunningSince is { } since ? $", running since {since.UtcDateTime:u}" : string.Empty)}")
                : "<none>");
            output.WriteLine("Pending:" + (status.Pending is { Count: > 0 } ? string.Empty : new string(' ', 12) + "<none>"));
            foreach (var pending in status.Pending ?? [])
            {
                output.WriteLine($"  {pending}");
            }

            if (status.RetainedData is { Count: > 0 } retained)
            {
                WriteRetainedData(output, retained, Line);
            }
        }

        if (cluster.Document?.Spec.Backup is { } backup)
        {
            WriteBackups(output, backup, cluster.Status?.Backups, Line, now);
        }

        output.WriteLine($"Events ({events.Count} most recent, newest first):");
        if (events.Count == 0)
        {
            output.WriteLine("  <none>");
        }
        else
        {
            HistoryCommand.Render(events, withDetail: false).Write(output, "  ");
        }
    }

    /// <summary>The data a deleted (or smaller) cluster left behind, and the two ways to deal with it.</summary>
    private static void WriteRetainedData(TextWriter output, IReadOnlyList<RetainedAccessPoint> retained, Action<string, string> line)
    {
        line("Retained data", $"{retained.Count} access point(s) kept by spec.storage.retention Retain (the brokers' data)");
        var table = new TextTable("NODE", "ACCESS POINT", "FILE SYSTEM", "PATH");
        foreach (var accessPoint in retained)
        {
            table.AddRow(accessPoint.NodeId.ToString(CultureInfo.InvariantCulture), accessPoint.AccessPointId, accessPoint.FileSystemId, accessPoint.RootPath);
        }

        table.Write(output, "  ");
        output.WriteLine("  To re-attach: apply the spec again without deletionRequested, with the same metadata.name, spec.storage.fileSystemId and");
        output.WriteLine("    rootDirectory and a clusterSize above these node IDs: the operator adopts the access points that carry its tags.");
        output.WriteLine("  To delete: apply the spec with deletionRequested and spec.storage.retention Delete, or remove each one yourself:");
        foreach (var accessPoint in retained)
        {
            output.WriteLine($"    aws efs delete-access-point --access-point-id {accessPoint.AccessPointId}");
        }

        output.WriteLine("    Deleting an access point leaves its directory's files on the file system until you remove them.");
    }

    /// <param name="Document">The stored spec as the operator reads it, defaults written out; null when it is not valid.</param>
    /// <param name="Errors">Why the stored spec is not valid.</param>
    /// <summary>The schedule and when it is next due, a request not yet answered, and the newest backups.</summary>
    private static void WriteBackups(TextWriter output, BackupSpec backup, BackupsStatus? backups, Action<string, string> line, DateTimeOffset now)
    {
        line("Backups", backup.Schedule is { } schedule
            ? $"schedule \"{schedule}\" (UTC), next due {BackupSchedule.NextDue(backup, backups, now)?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "never"}"
            : "no schedule (on request and before upgrades only)");
        if (BackupSchedule.RequestPending(backup, backups))
        {
            line("Backup request", $"{backup.RequestedAt}, pending");
        }

        if (backups?.InProgress is { } running)
        {
            line("Backup running", string.Create(CultureInfo.InvariantCulture, $"#{running.Id} ({running.Trigger}) since {running.TakenAt.UtcDateTime:u}"));
        }

        foreach (var recent in (backups?.Recent ?? []).Take(5))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  #{recent.Id} {recent.TakenAt.UtcDateTime:u} {recent.State} ({recent.Trigger}){(recent.FailureReason is { } reason ? $": {reason}" : string.Empty)}"));
        }

        if (backups?.LastError is { } error)
        {
            line("Backup error", error);
        }
    }

    private sealed record SpecReport(string Key, string ETag, DateTimeOffset? LastModified, long? Generation, bool DeletionRequested, JsonObject? Document, IReadOnlyList<SpecError> Errors)
    {
        public static SpecReport Of(StoredSpec spec, DateTimeOffset? lastModified) => new(
            spec.Key,
            spec.ETag,
            lastModified,
            spec.Document?.Metadata.Generation,
            spec.Document?.Metadata.DeletionRequested == true,
            spec.Document is { } document ? SpecSerializer.ToJsonObject(document) : null,
            spec.Parsed.Errors);
    }

    private sealed record DescribeReport(string Name, SpecReport? Spec, ClusterStatus? Status, IReadOnlyList<AuditRecord> Events);
}
