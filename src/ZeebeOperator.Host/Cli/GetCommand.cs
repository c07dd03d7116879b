using System.CommandLine;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Host.Cli;

/// <summary><c>get [name]</c>: one line per cluster (name, ready nodes, generations, conditions, age), or JSON.</summary>
internal sealed class GetCommand(CliEnvironment environment)
{
    private readonly SpecVerbRunner _runner = new(environment);

    private CliConsole Console => environment.Console;

    public Command Create()
    {
        var name = new Argument<string?>("name") { Description = "Only this cluster.", Arity = ArgumentArity.ZeroOrOne };
        var stores = new StoreOptions();
        var command = new Command("get", "List clusters: ready nodes, spec generation / observed generation, conditions, age.") { name };
        stores.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            parseResult.GetValue(name), stores.TargetOf(parseResult, environment.CurrentDirectory), parseResult.GetValue(stores.Output), cancellationToken));
        return command;
    }

    public Task<int> ExecuteAsync(string? name, StoreTarget target, OutputFormat format, CancellationToken cancellationToken) =>
        _runner.RunAsync(target, async stores =>
        {
            IReadOnlyList<ClusterSnapshot> clusters = name is null
                ? await ClusterSnapshot.ListAsync(stores, cancellationToken)
                : [await ClusterSnapshot.GetAsync(stores, name, cancellationToken)];
            if (name is not null && !clusters[0].Exists)
            {
                Console.Error.WriteLine($"Cluster {name} not found in {target.Describe()}: no spec and no status.");
                return ExitCodes.NotFound;
            }

            if (format == OutputFormat.Json)
            {
                Output.WriteJson(Console.Out, new GetReport([.. clusters.Select(Row)]));
                return ExitCodes.Success;
            }

            if (clusters.Count == 0)
            {
                Console.Out.WriteLine($"No clusters in {target.Describe()}.");
                return ExitCodes.Success;
            }

            var now = _runner.Time.GetUtcNow();
            var table = new TextTable("NAME", "READY", "GENERATION", "CONDITIONS", "AGE");
            foreach (var cluster in clusters)
            {
                table.AddRow(
                    cluster.Name,
                    $"{cluster.ReadyNodes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}/{cluster.ClusterSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}",
                    $"{cluster.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}/{cluster.Status?.ObservedGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}",
                    cluster.ConditionSummary(),
                    Ages.Format(cluster.Object?.LastModified, now));
            }

            table.Write(Console.Out);
            return ExitCodes.Success;
        });

    private static ClusterRow Row(ClusterSnapshot cluster) => new(
        cluster.Name,
        cluster.Spec is not null,
        cluster.Generation,
        cluster.Status?.ObservedGeneration,
        cluster.ClusterSize,
        cluster.ReadyNodes,
        cluster.Status?.IsReady == true,
        cluster.DeletionRequested,
        cluster.Status?.Conditions ?? [],
        cluster.Object?.LastModified,
        cluster.Status?.UpdatedAt);

    /// <summary>The JSON of <c>get -o json</c>, one entry per cluster.</summary>
    internal sealed record ClusterRow(
        string Name,
        bool HasSpec,
        long? Generation,
        long? ObservedGeneration,
        int? ClusterSize,
        int? ReadyNodes,
        bool Ready,
        bool DeletionRequested,
        IReadOnlyList<Condition> Conditions,
        DateTimeOffset? SpecLastModified,
        DateTimeOffset? StatusUpdatedAt);

    private sealed record GetReport(IReadOnlyList<ClusterRow> Clusters);
}
