using System.CommandLine;
using System.Globalization;
using ZeebeOperator.Core.Audit;

namespace ZeebeOperator.Host.Cli;

/// <summary><c>history &lt;name&gt; [--limit N]</c>: the cluster's audit trail, newest first.</summary>
internal sealed class HistoryCommand(CliEnvironment environment)
{
    public const int DefaultLimit = 50;

    private readonly SpecVerbRunner _runner = new(environment);

    private CliConsole Console => environment.Console;

    public Command Create()
    {
        var name = new Argument<string>("name") { Description = "The cluster." };
        var limit = new Option<int>("--limit") { Description = "How many records, newest first.", DefaultValueFactory = _ => DefaultLimit };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--limit must be at least 1.");
            }
        });
        var stores = new StoreOptions();
        var command = new Command("history", "Show a cluster's audit trail (every mutating call: intent and outcome), newest first.") { name, limit };
        stores.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            parseResult.GetValue(name)!, parseResult.GetValue(limit), stores.TargetOf(parseResult, environment.CurrentDirectory), parseResult.GetValue(stores.Output), cancellationToken));
        return command;
    }

    public Task<int> ExecuteAsync(string name, int limit, StoreTarget target, OutputFormat format, CancellationToken cancellationToken) =>
        _runner.RunAsync(target, async stores =>
        {
            var records = await stores.Audit.QueryAsync(name, limit, cancellationToken);
            if (records.Count == 0 && !(await ClusterSnapshot.GetAsync(stores, name, cancellationToken)).Exists)
            {
                Console.Error.WriteLine($"Cluster {name} not found in {target.Describe()}: no spec, no status, no audit records.");
                return ExitCodes.NotFound;
            }

            if (format == OutputFormat.Json)
            {
                Output.WriteJson(Console.Out, new HistoryReport(name, records));
            }
            else if (records.Count == 0)
            {
                Console.Out.WriteLine($"No audit records for cluster {name} yet.");
            }
            else
            {
                Render(records).Write(Console.Out);
            }

            return ExitCodes.Success;
        });

    internal static TextTable Render(IEnumerable<AuditRecord> records, bool withDetail = true)
    {
        string[] headers = ["TIME", "GEN", "NODE", "PHASE", "ACTION", "RESOURCE", "REASON"];
        var table = new TextTable(withDetail ? [.. headers, "DETAIL"] : headers);
        foreach (var record in records)
        {
            string[] cells =
            [
                Ages.Timestamp(record.Timestamp),
                record.Generation.ToString(CultureInfo.InvariantCulture),
                record.NodeId?.ToString(CultureInfo.InvariantCulture) ?? "-",
                record.Phase.ToString(),
                record.Action,
                record.Resource,
                record.Reason,
            ];
            table.AddRow(withDetail ? [.. cells, record.Detail ?? string.Empty] : cells);
        }

        return table;
    }

    private sealed record HistoryReport(string Cluster, IReadOnlyList<AuditRecord> Records);
}
