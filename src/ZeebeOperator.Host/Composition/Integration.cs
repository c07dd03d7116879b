using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Aws;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Zeebe;

namespace ZeebeOperator.Host.Composition;

/// <summary>The only file that names concrete types from the core, AWS, Zeebe and simulation assemblies.</summary>
internal static class Integration
{
    public static OperatorWiring Wiring { get; } = new(
        AddCore: static (services, configuration) => services.AddZeebeOperatorCore(configuration),
        AddAws: static (services, configuration) =>
        {
            services.AddAwsAdapters(configuration);
            services.AddZeebeClusterApi(configuration);
        },
        CreateLocalPorts: static settings =>
        {
            var aws = new SimulatedAws(TimeProvider.System, new SimulationOptions
            {
                TaskStartDelay = settings.TaskStartDelay,
                AutoCreateInfrastructure = true,
                Zeebe = new Simulation.Zeebe.SimulatedZeebeOptions { StartupDuration = settings.TaskStartDelay, ChangeDuration = settings.TaskStartDelay / 2 },
            });

            // The folder is the bucket: edits to a spec while the operator runs are picked up like commits.
            ISpecStore specs = settings.SpecsDirectory is { } directory ? new DirectorySpecStore(directory) : aws.Specs;
            // One process: its in-memory lease store makes it the leader at once (fencing token 1); status writes check it.
            var leases = aws.Leases;
            if (settings.StateDirectory is null)
            {
                return new OperatorPorts(aws.Ecs, aws.ServiceDiscovery, aws.Efs, specs, aws.Status, aws.Audit, aws.Zeebe, leases);
            }

            // Status and audit as files, so the CLI in another terminal reads what this process writes.
            var state = new LocalStateDirectory(settings.StateDirectory);
            if (settings.FreshState)
            {
                state.Reset();
            }

            return new OperatorPorts(aws.Ecs, aws.ServiceDiscovery, aws.Efs, specs, state.CreateStatusStore(leases), state.CreateAuditLog(), aws.Zeebe, leases);
        })
    {
        CheckAws = CheckAwsAsync,
        ExplainAws = static (services, failure) => services.GetRequiredService<StartupCheck>().Explain(failure) is { } problem ? ToPreflight(problem) : null,
    };

    /// <summary>The default local state folder of a specs folder.</summary>
    public static string DefaultStateDirectory(string specsDirectory) => Path.Combine(specsDirectory, LocalStateDirectory.DefaultName);

    private static async Task<PreflightResult> CheckAwsAsync(IServiceProvider services, PreflightRequest request, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<StartupCheck>().RunAsync(request.CreateTable, cancellationToken);
        var problems = result.Problems.Select(ToPreflight);
        var table = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AwsOptions>>().Value.TableName;
        string[] actions = result.TableCreated ? [$"created DynamoDB table '{table}' (see docs/aws.md for its key schema, index and TTL)"] : [];
        return new PreflightResult([.. problems], actions);
    }

    private static PreflightProblem ToPreflight(StartupProblem problem) => new(
        problem.Kind switch
        {
            StartupProblemKind.SpecBucket => PreflightFailure.SpecStore,
            StartupProblemKind.Table => PreflightFailure.StatusStore,
            _ => PreflightFailure.Unreachable,
        },
        problem.Message);
}
