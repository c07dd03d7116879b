using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Host.Controller;

namespace ZeebeOperator.Host.Cli;

/// <param name="Local">The in-memory AWS simulation, loaded with the specs of <paramref name="SpecsDirectory"/>.</param>
/// <param name="SpecsDirectory">Relative to the current directory; only used with <paramref name="Local"/>.</param>
/// <param name="UntilConverged">Exit 0 once every spec'd cluster is Ready, 1 after <paramref name="Timeout"/>.</param>
/// <param name="CreateTable">Against AWS: create the status table when it is missing, before the loop starts.</param>
internal sealed record RunSettings(bool Local, string SpecsDirectory, bool UntilConverged, TimeSpan Timeout, bool CreateTable = false)
{
    /// <summary>The <c>Aws:*</c> keys given on the command line (<see cref="AwsTargetOptions"/>).</summary>
    public IReadOnlyDictionary<string, string?> AwsConfiguration { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// <c>run</c>: the long-lived operator. Starts the control loop on the chosen backend and, on a terminal, draws a
/// status table from the statuses the reconciler holds in memory whenever one changes, until stopped (Ctrl+C, SIGTERM)
/// or, with <c>--until-converged</c>, until every cluster is Ready or the timeout passes. Against AWS it first checks the bucket and the table (creating the table
/// with <c>--create-table</c>) and exits with one <c>error:</c> line per problem instead of starting.
/// </summary>
internal sealed class RunCommand(CliEnvironment environment)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    private CliConsole Console => environment.Console;

    public Command Create()
    {
        var local = new Option<bool>("--local")
        {
            Description = "Run against the in-memory AWS simulation, loaded with the ZeebeCluster specs of --specs.",
        };
        var specs = new Option<string>("--specs")
        {
            Description = "With --local: the folder whose top-level ZeebeCluster *.json files are the specs.",
            DefaultValueFactory = _ => "samples",
        };
        var untilConverged = new Option<bool>("--until-converged")
        {
            Description = "Exit 0 once every spec'd cluster is Ready; exit 1 with the status table after --timeout.",
        };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "With --until-converged: how long to wait (wall time), e.g. 90s, 10m, 00:10:00.",
            DefaultValueFactory = _ => DefaultTimeout,
            CustomParser = Durations.Parse,
        };
        var createTable = new Option<bool>("--create-table")
        {
            Description = "Against AWS: create the DynamoDB table (key schema, status index, TTL) if it is missing and wait until it is ACTIVE, then run.",
        };
        var aws = new AwsTargetOptions();
        var command = new Command("run", "Run the operator's reconcile loop.") { local, specs, untilConverged, timeout, createTable };
        aws.AddTo(command, local, createTable);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            new RunSettings(
                parseResult.GetValue(local),
                parseResult.GetValue(specs) ?? "samples",
                parseResult.GetValue(untilConverged),
                parseResult.GetValue(timeout),
                parseResult.GetValue(createTable))
            {
                AwsConfiguration = aws.ToConfiguration(parseResult),
            },
            cancellationToken));
        return command;
    }

    public async Task<int> ExecuteAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        string? specsDirectory = null;
        IReadOnlyList<string>? clusters = null;
        if (settings.Local)
        {
            specsDirectory = Path.GetFullPath(settings.SpecsDirectory, environment.CurrentDirectory);
            if (!Directory.Exists(specsDirectory))
            {
                Console.Error.WriteLine($"Specs folder not found: {specsDirectory}");
                return ExitCodes.Failure;
            }

            clusters = [.. SpecFiles.FindClusterSpecs(specsDirectory).Select(spec => spec.ClusterName)];
            if (clusters.Count == 0)
            {
                Console.Error.WriteLine($"No ZeebeCluster specs (top-level *.json with \"kind\": \"ZeebeCluster\") in {specsDirectory}");
                if (settings.UntilConverged)
                {
                    return ExitCodes.Failure;
                }
            }
        }

        using (var host = OperatorHost.Build(
            new HostRequest(settings.Local, specsDirectory, WithController: true),
            AwsTargetOptions.Merge(environment.ConfigurationOverrides, settings.AwsConfiguration),
            environment.Backend))
        {
            try
            {
                // Validate what starting would before the preflight calls AWS with that configuration.
                host.Services.GetService<IStartupValidator>()?.Validate();
                if (!settings.Local && await PreflightAsync(host.Services, settings, cancellationToken) is { } failed)
                {
                    return failed;
                }

                await host.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (CliErrors.TryWriteConfigurationErrors(Console.Error, ex))
            {
                return ExitCodes.InvalidConfiguration;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Cancelled;
            }

            var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
            var monitor = new ClusterMonitor(
                host.Services.GetRequiredService<ClusterStatusCache>(),
                host.Services.GetRequiredService<KnownClusters>(),
                clusters);
            var exitCode = await WatchAsync(monitor, settings, linked.Token);
            await host.StopAsync(CancellationToken.None);
            return exitCode;
        }
    }

    /// <summary>Runs the backend's start-up check, if it has one; null when it passed, otherwise the exit code of the first problem.</summary>
    private async Task<int?> PreflightAsync(IServiceProvider services, RunSettings settings, CancellationToken cancellationToken)
    {
        if (services.GetService<IBackendPreflight>() is not { } preflight)
        {
            return null;
        }

        var result = await preflight.RunAsync(new PreflightRequest(settings.CreateTable), cancellationToken);
        foreach (var action in result.Actions)
        {
            Console.Out.WriteLine(action);
        }

        foreach (var problem in result.Problems)
        {
            Console.Error.WriteLine($"error: {problem.Message}");
        }

        return result.Problems.Count == 0 ? null : ExitCodes.ForPreflight(result.Problems[0].Failure);
    }

    /// <summary>
    /// On a terminal, draws the table again whenever a status changes. Elsewhere nothing is printed until the end (the
    /// log tells the story): with <c>--until-converged</c> the final table and one summary line, otherwise nothing.
    /// </summary>
    private async Task<int> WatchAsync(ClusterMonitor monitor, RunSettings settings, CancellationToken cancellationToken)
    {
        var time = environment.Time;
        var started = time.GetTimestamp();
        var terminal = Console.IsTerminal;
        string? shown = null;
        try
        {
            while (true)
            {
                var changed = monitor.Changed;
                var overview = monitor.Observe();
                if (terminal && overview.Fingerprint() is var fingerprint && fingerprint != shown)
                {
                    Show(overview);
                    shown = fingerprint;
                }

                if (!settings.UntilConverged)
                {
                    await changed.WaitAsync(cancellationToken);
                    continue;
                }

                var elapsed = time.GetElapsedTime(started);
                if (overview.AllReady)
                {
                    if (!terminal)
                    {
                        Show(overview);
                    }

                    Console.Out.WriteLine($"All {overview.Clusters.Count} cluster(s) Ready after {elapsed.TotalSeconds:0.0} s.");
                    return ExitCodes.Success;
                }

                if (elapsed >= settings.Timeout)
                {
                    Show(overview);
                    var waiting = overview.Clusters.Where(c => !c.IsReady).Select(c => c.ClusterName);
                    Console.Out.WriteLine($"Not converged within {settings.Timeout}; not Ready: {string.Join(", ", waiting)}.");
                    return ExitCodes.Failure;
                }

                try
                {
                    await changed.WaitAsync(settings.Timeout - elapsed, time, cancellationToken);
                }
                catch (TimeoutException)
                {
                    // Time to give up: the next round says so.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C / SIGTERM.
        }

        return settings.UntilConverged ? ExitCodes.Cancelled : ExitCodes.Success;
    }

    private void Show(ClusterOverview overview)
    {
        Console.Ansi.WriteLine();
        Console.Ansi.Write(new Text($"{environment.Time.GetLocalNow():HH:mm:ss}", new Style(Color.Grey)));
        Console.Ansi.WriteLine();
        Console.Ansi.Write(StatusTable.Render(overview));
    }
}
