using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Simulation;

/// <summary>What a local run works against.</summary>
/// <param name="SpecsDirectory">The folder that is the spec bucket (edits are picked up like commits); null: an empty in-memory bucket.</param>
/// <param name="FreshState">Forget the status and audit records of an earlier run: the process that runs the simulated account owns them.</param>
public sealed record LocalSimulation(string? SpecsDirectory, bool FreshState = false);

/// <summary>
/// The simulated account of a local run, on the system clock, set up as the <c>Local</c> section says: brokers start
/// after <see cref="LocalOptions.TaskStartDelay"/>, and with a specs folder, status and audit records are files in the
/// state folder, so the CLI in another terminal reads what the running operator writes. With events, an edit in the
/// specs folder is announced at once (<see cref="SpecFolderWatcher"/>) like a commit to the bucket.
/// </summary>
public sealed class LocalAccount : IDisposable
{
    private readonly SpecFolderWatcher? _watcher;

    /// <param name="events">With a queue configured (<c>Events:QueueUrl</c>), ECS and the spec bucket (or folder) publish their events.</param>
    public LocalAccount(LocalSimulation simulation, IOptions<LocalOptions> options, TimeProvider time, IOptions<EventsOptions>? events = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Aws = new SimulatedAws(time, new SimulationOptions
        {
            TaskStartDelay = settings.TaskStartDelay,
            AutoCreateInfrastructure = true,
            Zeebe = new SimulatedZeebeOptions
            {
                StartupDuration = settings.TaskStartDelay,
                ChangeDuration = settings.TaskStartDelay / 2,
                PartitionCatchUpDuration = settings.TaskStartDelay / 2,
            },
        });
        Aws.Events.Enabled = events?.Value.Enabled ?? false;
        Specs = simulation.SpecsDirectory is { } directory ? new DirectorySpecStore(directory) : Aws.Specs;
        if (simulation.SpecsDirectory is { } watched && Aws.Events.Enabled)
        {
            _watcher = new SpecFolderWatcher(watched, Aws.Context, (loggers ?? NullLoggerFactory.Instance).CreateLogger<SpecFolderWatcher>());
            _watcher.Start();
        }

        if (StateDirectoryOf(simulation, settings) is not { } stateDirectory)
        {
            Status = Aws.Status;
            Audit = Aws.Audit;
            return;
        }

        var state = new LocalStateDirectory(stateDirectory);
        if (simulation.FreshState)
        {
            state.Reset();
        }

        Status = state.CreateStatusStore(Aws.Leases);
        Audit = state.CreateAuditLog();
    }

    public SimulatedAws Aws { get; }

    /// <summary>What turns edits in the specs folder into events; null without a folder or without events.</summary>
    public SpecFolderWatcher? SpecWatcher => _watcher;

    public void Dispose() => _watcher?.Dispose();

    public ISpecStore Specs { get; }

    public IClusterStatusStore Status { get; }

    public IAuditLog Audit { get; }

    /// <summary>Where status and audit files go: <see cref="LocalOptions.StateDirectory"/>, else next to the specs; none without a specs folder.</summary>
    public static string? StateDirectoryOf(LocalSimulation simulation, LocalOptions options)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(options);
        return simulation.SpecsDirectory is not { } specs ? null
            : options.StateDirectory is { Length: > 0 } configured ? Path.GetFullPath(configured)
            : Path.Combine(specs, LocalStateDirectory.DefaultName);
    }
}
