using System.CommandLine;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// The <c>zeebe-operator</c> command line: <c>run</c>, <c>plan</c>, <c>validate</c>, and the spec verbs <c>apply</c>,
/// <c>diff</c>, <c>get</c>, <c>describe</c>, <c>history</c>, <c>delete</c>, <c>rollout restart</c>, <c>backup</c>,
/// <c>backups</c>, and <c>schema</c>.
/// </summary>
internal static class OperatorCli
{
    public static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var reader = new SpecFileReader(environment.Parse);
        var planSource = environment.PlanSource
            ?? new HostedPlanPreviewer(environment.Backend, environment.ConfigurationOverrides, environment.Time).PreviewAsync;
        return new RootCommand("Zeebe ECS operator: runs Camunda 8 / Zeebe broker clusters on Amazon ECS from ZeebeCluster specs.")
        {
            new RunCommand(environment).Create(),
            new PlanCommand(environment.Console, reader, planSource).Create(),
            new ValidateCommand(environment.Console, reader).Create(),
            new ApplyCommand(environment, reader).Create(),
            new DiffCommand(environment, reader, planSource).Create(),
            new GetCommand(environment).Create(),
            new DescribeCommand(environment).Create(),
            new HistoryCommand(environment).Create(),
            new DeleteCommand(environment).Create(),
            new RolloutCommand(environment).Create(),
            new BackupCommands(environment).CreateBackup(),
            new BackupCommands(environment).CreateList(),
            new SchemaCommand(environment).Create(),
        };
    }

    public static Task<int> InvokeAsync(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellationToken = default) =>
        CreateRootCommand(environment).Parse(args).InvokeAsync(
            new InvocationConfiguration
            {
                Output = environment.Console.Out,
                Error = environment.Console.Error,

                // Signals belong to the generic host (run's graceful shutdown takes longer than System.CommandLine's 2 s).
                ProcessTerminationTimeout = null,
            },
            cancellationToken);
}
