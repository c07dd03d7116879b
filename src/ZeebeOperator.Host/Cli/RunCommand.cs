using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Cli;

/// <param name="Local">The in-memory AWS simulation, loaded with the specs of <paramref name="SpecsDirectory"/>.</param>
/// <param name="SpecsDirectory">Relative to the current directory; only used with <paramref name="Local"/>.</param>
/// <param name="UntilConverged">Exit 0 once every spec'd cluster is Ready, 1 after <paramref name="Timeout"/>.</param>
internal sealed record RunSettings(bool Local, string SpecsDirectory, bool UntilConverged, TimeSpan Timeout);

/// <summary>
/// <c>run</c>: the long-lived operator. Starts the control loop on the chosen backend and prints a status table
/// whenever what it shows changes, until stopped (Ctrl+C, SIGTERM) or, with <c>--until-converged</c>, until every
/// cluster is Ready or the timeout passes.
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
        var command = new Command("run", "Run the operator's reconcile loop.") { local, specs, untilConverged, timeout };
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            new RunSettings(
                parseResult.GetValue(local),
                parseResult.GetValue(specs) ?? "samples",
                parseResult.GetValue(untilConverged),
                parseResult.GetValue(timeout)),
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

        IHost host;
        try
        {
            host = OperatorHostFactory.Build(
                environment.Wiring,
                new HostRequest(settings.Local, specsDirectory, WithController: true),
                environment.ConfigurationOverrides);
        }
        catch (BackendUnavailableException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.BackendUnavailable;
        }

        using (host)
        {
            try
            {
                await host.StartAsync(cancellationToken);
            }
            catch (OptionsValidationException ex)
            {
                CliErrors.WriteConfigurationErrors(Console.Error, ex);
                return ExitCodes.InvalidConfiguration;
            }

            var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
            var monitor = new ClusterMonitor(
                host.Services.GetRequiredService<IClusterStatusStore>(),
                host.Services.GetRequiredService<ISpecStore>(),
                clusters);
            var exitCode = await WatchAsync(monitor, settings, linked.Token);
            await host.StopAsync(CancellationToken.None);
            return exitCode;
        }
    }

    private async Task<int> WatchAsync(ClusterMonitor monitor, RunSettings settings, CancellationToken cancellationToken)
    {
        var time = environment.Time;
        var started = time.GetTimestamp();
        var refresh = environment.StatusRefreshInterval ?? (settings.Local ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10));
        using var timer = new PeriodicTimer(refresh, time);
        string? shown = null;
        ClusterOverview? last = null;
        try
        {
            do
            {
                try
                {
                    last = await monitor.ObserveAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Console.Error.WriteLine($"Reading cluster status failed: {ex.Message}");
                }

                if (last is not null && last.Fingerprint() is var fingerprint && fingerprint != shown)
                {
                    Show(last);
                    shown = fingerprint;
                }

                if (!settings.UntilConverged)
                {
                    continue;
                }

                var elapsed = time.GetElapsedTime(started);
                if (last is { AllReady: true })
                {
                    Console.Out.WriteLine($"All {last.Clusters.Count} cluster(s) Ready after {elapsed.TotalSeconds:0.0} s.");
                    return ExitCodes.Success;
                }

                if (elapsed >= settings.Timeout)
                {
                    if (last is not null)
                    {
                        Show(last);
                    }

                    var waiting = last?.Clusters.Where(c => !c.IsReady).Select(c => c.ClusterName) ?? [];
                    Console.Out.WriteLine($"Not converged within {settings.Timeout}; not Ready: {string.Join(", ", waiting)}.");
                    return ExitCodes.Failure;
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
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
